// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.wire;

import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import dev.violetear.internal.model.ServerOnlyComponents;
import java.lang.reflect.RecordComponent;

/**
 * Jackson's annotation reading, plus {@code @Server.Only}: such a record component is left out of
 * the JSON, as if it carried {@code @JsonIgnore}. The annotation sits on the record component,
 * which Jackson does not read; it reads the field, the accessor and the constructor parameter, so
 * each of those is matched to its component by name (or by position, for the parameter).
 *
 * <pre>{@code
 * JsonMapper.builder().annotationIntrospector(new ServerOnlyIntrospector()).build();
 * }</pre>
 */
final class ServerOnlyIntrospector extends JacksonAnnotationIntrospector {
  private static final long serialVersionUID = 1L;

  @Override
  public boolean hasIgnoreMarker(AnnotatedMember m) {
    return isServerOnly(m) || super.hasIgnoreMarker(m);
  }

  private static boolean isServerOnly(AnnotatedMember m) {
    Class<?> owner = m.getDeclaringClass();
    if (owner == null || !owner.isRecord()) {
      return false;
    }
    RecordComponent[] components = owner.getRecordComponents();
    if (m instanceof AnnotatedParameter p) {
      // Only the canonical constructor's parameters are the components, in order.
      return p.getOwner().getParameterCount() == components.length
          && p.getIndex() < components.length
          && p.getRawType() == components[p.getIndex()].getType()
          && ServerOnlyComponents.isServerOnly(components[p.getIndex()]);
    }
    String name;
    if (m instanceof AnnotatedField f) {
      name = f.getName();
    } else if (m instanceof AnnotatedMethod method && method.getParameterCount() == 0) {
      name = method.getName();
    } else {
      return false;
    }
    for (RecordComponent rc : components) {
      if (rc.getName().equals(name)) {
        return ServerOnlyComponents.isServerOnly(rc);
      }
    }
    return false;
  }
}
