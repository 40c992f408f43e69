// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal;

import dev.violetear.markup.Binding;
import dev.violetear.markup.Element;
import java.io.Serializable;
import java.util.Iterator;
import java.util.ServiceLoader;
import org.teavm.jso.JSObject;

/**
 * What markup needs from the side it runs on. The same {@code Element} code runs on the server,
 * where a binding is checked and named when it is made (the server module provides the {@link
 * Resolver} as a service), and in the browser, where there is no resolver: the bundle compiler
 * hides the service file, and an element built there keeps its callbacks and states as objects. Not
 * for apps: the package is exported to the server module only.
 *
 * <pre>{@code
 * MarkupHooks.Resolver r = MarkupHooks.resolver();   // null in the browser
 * }</pre>
 */
public final class MarkupHooks {
  /** Checks and names what markup binds; provided by the server module. */
  public interface Resolver {
    /**
     * Checks that {@code callback} references a valid {@code @Client.Callback} method.
     *
     * @param event the DOM event, already checked
     * @param callback the method reference
     * @return the binding, named
     * @throws IllegalArgumentException naming the event and the method when it is not valid
     */
    Binding callback(String event, Serializable callback);

    /**
     * The name the browser knows {@code state} by ({@code SimpleClassName.field}).
     *
     * @param state a {@code State} or a {@code Repeat}
     * @param what the markup call, for the error
     * @return the name
     * @throws IllegalArgumentException when no registered class holds it
     */
    String bindableName(Object state, String what);

    /**
     * The class that declares the field holding {@code state}.
     *
     * @param state a state already named by {@link #bindableName}
     * @return the declaring class
     */
    Class<?> bindableOwner(Object state);
  }

  /** Builds elements in the page; the markup package installs it (it runs in the browser only). */
  public interface Dom {
    /**
     * Creates the DOM element of {@code element}, with its listeners and state bindings attached.
     *
     * @param element the markup
     * @return the new DOM element, not yet in the page
     */
    JSObject build(Element element);

    /**
     * Keeps the children of {@code container} in step with {@code repeat}, adopting the items the
     * server rendered into it.
     *
     * @param container the element that holds the items
     * @param repeat a {@code Repeat}
     */
    void bindList(JSObject container, Object repeat);
  }

  private static final Object NONE = new Object();
  private static volatile Object resolver;
  private static volatile Dom dom;

  private MarkupHooks() {}

  /**
   * The page's element builder, once a markup class is initialised; never used on the server.
   *
   * @return the builder
   */
  public static Dom dom() {
    return dom;
  }

  /**
   * Sets the page's element builder; called when the markup classes initialise.
   *
   * @param d the builder
   */
  public static void installDom(Dom d) {
    dom = d;
  }

  /**
   * The resolver of this JVM, found once through {@link ServiceLoader}; null in the browser, or on
   * a JVM without the server module.
   *
   * @return the resolver, or null
   */
  public static Resolver resolver() {
    Object r = resolver;
    if (r == null) {
      r = NONE;
      Iterator<Resolver> found =
          ServiceLoader.load(Resolver.class, MarkupHooks.class.getClassLoader()).iterator();
      if (found.hasNext()) {
        r = found.next();
      }
      resolver = r;
    }
    return r == NONE ? null : (Resolver) r;
  }
}
