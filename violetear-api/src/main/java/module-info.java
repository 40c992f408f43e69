// SPDX-License-Identifier: Apache-2.0
/**
 * The API that client and server code share: the annotations that say where a method runs and how
 * it is triggered ({@code dev.violetear}), the browser API that client code uses ({@code
 * dev.violetear.browser}), and the markup DSL ({@code dev.violetear.markup}), which renders on the
 * server and builds elements in the browser. The internal packages are for the framework's own
 * modules only.
 */
module dev.violetear.api {
  requires transitive org.teavm.jso;
  requires transitive org.teavm.jso.apis;
  // Only the bundle runs the code that uses it; TeaVM's class library provides it there.
  requires static teavm.platform;

  exports dev.violetear;
  exports dev.violetear.browser;
  exports dev.violetear.markup;
  // Who the current caller is: only the server may set it, so user code cannot act as a client.
  exports dev.violetear.internal to
      dev.violetear.server;

  // How markup names its bindings on the server; the server module provides it.
  uses dev.violetear.internal.MarkupHooks.Resolver;
}
