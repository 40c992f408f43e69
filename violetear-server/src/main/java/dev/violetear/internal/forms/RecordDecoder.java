// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.forms;

import dev.violetear.internal.model.ServerOnlyComponents;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a record from a posted form: each component from the field of the same name. Every field
 * is read before anything is built, so a form with several wrong fields gets an error for each at
 * once. Fields the record does not name (the submit button's, say) are ignored.
 *
 * <pre>{@code
 * RecordDecoder<Entry> decoder = RecordDecoder.of(Entry.class, "App.form(\"/guestbook\", ...)");
 * RecordDecoder.Decoded<Entry> d = decoder.decode(Map.of("name", List.of("Ada")));
 * d.errors();   // {message=This field is required.}
 * }</pre>
 *
 * <p>Internal: the app's form routes use it. Thread-safe once built.
 */
public final class RecordDecoder<T> {
  private final Class<T> type;
  private final Constructor<T> constructor;
  private final List<FormField> fields;
  private final List<Method> accessors;

  private RecordDecoder(
      Class<T> type, Constructor<T> constructor, List<FormField> fields, List<Method> accessors) {
    this.type = type;
    this.constructor = constructor;
    this.fields = fields;
    this.accessors = accessors;
  }

  /**
   * The outcome of one form: the record, or the message of every field that did not convert.
   *
   * @param value the record, or null when a field did not convert
   * @param errors the messages by field name, in the record's order; empty when {@code value} is
   *     not null
   */
  public record Decoded<T>(T value, Map<String, String> errors) {}

  /**
   * Checks that {@code type} is a record whose components a form can carry, and prepares its
   * decoding.
   *
   * @param where the registration, named in errors, like {@code App.form("/guestbook", ...)}
   * @throws IllegalArgumentException naming the component or class at fault and what to use
   */
  public static <T> RecordDecoder<T> of(Class<T> type, String where) {
    Objects.requireNonNull(type, "type == null");
    if (!type.isRecord()) {
      throw new IllegalArgumentException(
          where
              + ": "
              + type.getName()
              + " is not a record; declare the form's fields as one, like"
              + " record Entry(String name, String message) {}");
    }
    String serverOnly = ServerOnlyComponents.find(type);
    if (serverOnly != null) {
      throw new IllegalArgumentException(
          where
              + ": "
              + type.getSimpleName()
              + " holds "
              + serverOnly
              + ", a @Server.Only component: the page never sees its value, so its form cannot"
              + " post it. Declare a record of the fields the visitor fills in, or remove"
              + " @Server.Only.");
    }
    RecordComponent[] components = type.getRecordComponents();
    List<FormField> fields = new ArrayList<>(components.length);
    List<Method> accessors = new ArrayList<>(components.length);
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      FormField field = FormField.of(component);
      if (field == null) {
        throw new IllegalArgumentException(
            where
                + ": "
                + type.getSimpleName()
                + "."
                + component.getName()
                + " has type "
                + component.getGenericType().getTypeName()
                + ", which a form field cannot carry; use String, a primitive or its box, an"
                + " enum, boolean for a checkbox, or Optional or List of String, a box or an"
                + " enum");
      }
      fields.add(field);
      accessors.add(component.getAccessor());
      types[i] = component.getType();
    }
    Constructor<T> constructor;
    try {
      constructor = type.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("a record always has its canonical constructor", e);
    }
    boolean isAccessible = constructor.trySetAccessible();
    for (Method accessor : accessors) {
      isAccessible &= accessor.trySetAccessible();
    }
    if (!isAccessible) {
      throw new IllegalArgumentException(
          where
              + ": Violetear cannot call the constructor and accessors of "
              + type.getName()
              + "; make the record public, or open its package to dev.violetear.server");
    }
    return new RecordDecoder<>(type, constructor, List.copyOf(fields), List.copyOf(accessors));
  }

  /** {@return the record class} */
  public Class<T> type() {
    return type;
  }

  /**
   * The fields a form sends for {@code record}, by name in the record's order: what {@link #decode}
   * turns back into an equal record.
   *
   * @throws InvocationTargetException when an accessor of the record throws
   */
  public Map<String, List<String>> fieldsOf(T record) throws InvocationTargetException {
    Map<String, List<String>> form = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      try {
        form.put(fields.get(i).name(), fields.get(i).write(accessors.get(i).invoke(record)));
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("checked when the decoder was made", e);
      }
    }
    return form;
  }

  /**
   * Reads every component from {@code form} (values by field name, in the order sent).
   *
   * @throws InvocationTargetException when the record's constructor throws
   */
  public Decoded<T> decode(Map<String, List<String>> form) throws InvocationTargetException {
    Object[] args = new Object[fields.size()];
    Map<String, String> errors = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      FormField field = fields.get(i);
      try {
        args[i] = field.read(form.getOrDefault(field.name(), List.of()));
      } catch (InvalidValue e) {
        errors.put(field.name(), e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      return new Decoded<>(null, errors);
    }
    try {
      return new Decoded<>(constructor.newInstance(args), Map.of());
    } catch (InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException("checked when the form was registered", e);
    }
  }
}
