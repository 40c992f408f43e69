// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.State;

/** The README's greeting, as its bundle sees it: state with no numbers to parse or format. */
public final class GreetingState {
  static final State<String> name = State.of("world");
  static final State<String> greeting = name.map(n -> "Hello, " + n + "!");
  static final State<Boolean> empty = name.map(String::isBlank);

  private GreetingState() {}
}
