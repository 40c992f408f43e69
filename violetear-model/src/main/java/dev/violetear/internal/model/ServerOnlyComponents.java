// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import dev.violetear.Server;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The record components marked {@link Server.Only}: they never reach a page, so a type holding one
 * may go to pages but never come from them (a page cannot send back what it never had).
 *
 * <pre>{@code
 * ServerOnlyComponents.isServerOnly(Table.class.getRecordComponents()[2]);   // true
 * ServerOnlyComponents.find(Lobby.class);   // "'Table.deck'" when a Lobby holds a List<Table>
 * }</pre>
 */
public final class ServerOnlyComponents {
  private ServerOnlyComponents() {}

  /** Whether {@code rc} is marked {@link Server.Only}. */
  public static boolean isServerOnly(RecordComponent rc) {
    return rc.isAnnotationPresent(Server.Only.class);
  }

  /**
   * The first server-only component in {@code type}, at any depth (in lists, maps, optionals,
   * arrays and nested records), as {@code Record.component}; null when there is none.
   */
  public static String find(Type type) {
    return find(type, new HashSet<>());
  }

  /**
   * Adds a problem when {@code type}, which pages send to the server at {@code where}, holds a
   * server-only component.
   *
   * @param where names the place, for example {@code Game.rename parameter 'table'}
   */
  static void checkFromPages(Type type, String where, List<String> problems) {
    String found = find(type);
    if (found != null) {
      problems.add(
          where
              + " has type '"
              + type.getTypeName()
              + "', which holds "
              + found
              + ", a @Server.Only component: pages never see its value, so they cannot send it."
              + " Take what the page knows (an id, say) and look the record up on the server, or"
              + " remove @Server.Only.");
    }
  }

  private static String find(Type type, Set<Class<?>> seen) {
    if (type instanceof ParameterizedType p) {
      for (Type arg : p.getActualTypeArguments()) {
        String found = find(arg, seen);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    if (type instanceof GenericArrayType a) {
      return find(a.getGenericComponentType(), seen);
    }
    if (!(type instanceof Class<?> c)) {
      return null;
    }
    if (c.isArray()) {
      return find(c.getComponentType(), seen);
    }
    if (!c.isRecord() || !seen.add(c)) {
      return null;
    }
    for (RecordComponent rc : c.getRecordComponents()) {
      if (isServerOnly(rc)) {
        return "'" + c.getSimpleName() + "." + rc.getName() + "'";
      }
      String found = find(rc.getGenericType(), seen);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
