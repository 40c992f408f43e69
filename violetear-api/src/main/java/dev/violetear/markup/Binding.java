// SPDX-License-Identifier: Apache-2.0
package dev.violetear.markup;

import java.util.Objects;

/**
 * One DOM event bound to a {@link dev.violetear.Client.Callback} method, as listed by {@link
 * Document#bindings()}.
 *
 * <pre>{@code
 * Document page = Document.titled("Counter").body(Html.button("+").on("click", Counter::plus));
 * for (Binding b : page.bindings()) {
 *   b.callbackName(); // "Counter.plus"
 * }
 * }</pre>
 *
 * <p>The app uses the bindings of a view to check that every bound class is registered, so that the
 * browser bundle contains the callback.
 *
 * @param event the DOM event name, for example {@code "click"}
 * @param declaringClass the class that declares the callback method
 * @param methodName the callback method's name
 */
public record Binding(String event, Class<?> declaringClass, String methodName) {

  /**
   * Creates a binding; all components are required.
   *
   * <pre>{@code
   * new Binding("click", Counter.class, "plus")
   * }</pre>
   *
   * <p>Throws {@link NullPointerException} for a null component.
   *
   * @param event the DOM event name, for example {@code "click"}
   * @param declaringClass the class that declares the callback
   * @param methodName the callback method's name
   */
  public Binding {
    Objects.requireNonNull(event, "event == null");
    Objects.requireNonNull(declaringClass, "declaringClass == null");
    Objects.requireNonNull(methodName, "methodName == null");
  }

  /**
   * Returns the name the browser runtime knows the callback by: the simple class name, a dot and
   * the method name.
   *
   * <pre>{@code
   * new Binding("click", Counter.class, "plus").callbackName(); // "Counter.plus"
   * }</pre>
   *
   * <p>For a nested class this is the nested class's simple name ({@code Outer.Inner} gives {@code
   * "Inner.plus"}). It is the value of the rendered {@code data-on-*} attribute.
   *
   * @return the callback's name, for example {@code "Counter.plus"}
   */
  public String callbackName() {
    return declaringClass.getSimpleName() + "." + methodName;
  }
}
