// SPDX-License-Identifier: Apache-2.0
package example.wire;

import dev.violetear.Client;
import dev.violetear.RpcException;
import dev.violetear.Server;
import dev.violetear.browser.Dom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Every wire type in one record, echoed through a fake server to test the browser codecs. */
public class Wire {
  public enum Color {
    RED,
    GREEN
  }

  public record Inner(String name, Optional<Integer> size) {}

  public record Everything(
      int i,
      long big,
      double d,
      boolean b,
      char c,
      String s,
      Color color,
      List<String> list,
      Set<Integer> set,
      Map<String, List<Integer>> map,
      Optional<String> opt,
      int[] ints,
      String[] strings,
      Inner inner,
      String nothing,
      List<Inner> inners) {}

  @Server.Rpc
  public static Everything echo(Everything e) {
    return e;
  }

  @Server.Rpc
  public static void fail(String why) {
    throw new RpcException("Nope", why);
  }

  @Client.Callback
  public static void go() {
    Dom.find("out").text(describe(echo(sample())));
  }

  @Client.Callback
  public static void tryFail() {
    try {
      fail("because");
      Dom.find("out").text("no error");
    } catch (RpcException x) {
      Dom.find("out").text(x.type() + "/" + x.status() + "/" + x.getMessage());
    }
  }

  public static Everything sample() {
    return new Everything(
        -7,
        9007199254740993L,
        2.5,
        true,
        'z',
        "h\u00e9llo \"q\" <b>",
        Color.GREEN,
        List.of("a", "b"),
        new TreeSet<>(List.of(3, 1, 2)),
        new TreeMap<>(Map.of("x", List.of(1, 2), "y", List.of())),
        Optional.of("here"),
        new int[] {4, 5},
        new String[] {"s1", "s2"},
        new Inner("in", Optional.empty()),
        null,
        List.of(new Inner("a", Optional.of(1)), new Inner("b", Optional.empty())));
  }

  public static String describe(Everything e) {
    return e.i()
        + "|"
        + e.big()
        + "|"
        + e.d()
        + "|"
        + e.b()
        + "|"
        + e.c()
        + "|"
        + e.s()
        + "|"
        + e.color()
        + "|"
        + e.list()
        + "|"
        + new TreeSet<>(e.set())
        + "|"
        + new TreeMap<>(e.map())
        + "|"
        + opt(e.opt())
        + "|"
        + Arrays.toString(e.ints())
        + "|"
        + Arrays.toString(e.strings())
        + "|"
        + inner(e.inner())
        + "|"
        + e.nothing()
        + "|"
        + e.inners().stream().map(Wire::inner).toList();
  }

  // TeaVM's Optional.toString differs from the JDK's, so optionals are spelled out.
  private static String opt(Optional<?> o) {
    return o.map(v -> "some " + v).orElse("none");
  }

  private static String inner(Inner i) {
    return i.name() + ":" + opt(i.size());
  }
}
