// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.violetear.internal.rpc.RpcFunction;
import dev.violetear.internal.wire.WireJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The direct path reads only the frames violetear.js writes, whole and convertible; every other
 * frame goes to the tree path, which words its error (the socket tests check those words).
 */
class DirectCallTest {
  private static final ObjectMapper MAPPER = WireJson.mapper();

  record Move(int x, int y) {}

  @SuppressWarnings("unused")
  static final class Fns {
    static void move(String who, Move to) {}

    static void tree(Object anything) {}
  }

  private static final Map<String, RpcFunction> FUNCTIONS = functions();

  private static Map<String, RpcFunction> functions() {
    try {
      return Map.of(
          "Fns.move",
          RpcFunction.of(
              "Fns.move", Fns.class.getDeclaredMethod("move", String.class, Move.class), MAPPER),
          "Fns.tree",
          RpcFunction.of("Fns.tree", Fns.class.getDeclaredMethod("tree", Object.class), MAPPER));
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  private static DirectCall read(String text) {
    return DirectCall.read(MAPPER, FUNCTIONS, text);
  }

  @Test
  void readsTheRuntimesCallFrame() {
    DirectCall call =
        read("{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"ann\",{\"x\":3,\"y\":4}],\"seq\":7}");

    assertThat(call).isNotNull();
    assertThat(call.name()).isEqualTo("Fns.move");
    assertThat(call.function()).isSameAs(FUNCTIONS.get("Fns.move"));
    assertThat(List.of(call.values())).containsExactly("ann", new Move(3, 4));
    assertThat(call.seq()).isEqualTo(7);
  }

  @Test
  void readsSeqsBeyondAnInt() {
    DirectCall call =
        read("{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",null],\"seq\":9007199254740993}");

    assertThat(call.seq()).isEqualTo(9007199254740993L);
    assertThat(call.values()).containsExactly("a", null);
  }

  @Test
  void readsTheAckACallCarriesAndMinusOneWithoutIt() {
    DirectCall acking =
        read("{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",null],\"ack\":41,\"seq\":7}");
    DirectCall plain = read("{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",null],\"seq\":7}");

    assertThat(acking.ack()).isEqualTo(41);
    assertThat(acking.seq()).isEqualTo(7);
    assertThat(plain.ack()).isEqualTo(-1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // not the runtime's field order, or fields missing or added
        "{\"fn\":\"Fns.move\",\"t\":\"call\",\"args\":[\"a\",null],\"seq\":1}",
        "{\"seq\":1,\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",null]}",
        "{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",null]}",
        "{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",null],\"seq\":1,\"x\":0}",
        "{ \"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",null],\"seq\":1}",
        // another frame type, an unknown function, a function whose parameters need the tree
        "{\"t\":\"emit\",\"event\":\"e\",\"data\":null,\"seq\":1}",
        "{\"t\":\"call\",\"fn\":\"Fns.nope\",\"args\":[],\"seq\":1}",
        "{\"t\":\"call\",\"fn\":\"Fns.tree\",\"args\":[1],\"seq\":1}",
        "{\"t\":\"call\",\"fn\":7,\"args\":[],\"seq\":1}",
        // arguments too few, too many, or not convertible
        "{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\"],\"seq\":1}",
        "{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",null,3],\"seq\":1}",
        "{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",{\"x\":\"left\"}],\"seq\":1}",
        "{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":{\"0\":\"a\"},\"seq\":1}",
        // a seq that is not a whole number in range
        "{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",null],\"seq\":\"1\"}",
        "{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",null],\"seq\":1.5}",
        "{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",null],\"seq\":99999999999999999999}",
        // an ack that is not a whole number from 0, or after the seq, or twice
        "{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",null],\"ack\":\"2\",\"seq\":1}",
        "{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",null],\"ack\":2.5,\"seq\":1}",
        "{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",null],\"ack\":-2,\"seq\":1}",
        "{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",null],\"ack\":99999999999999999999,\"seq\":1}",
        "{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",null],\"seq\":1,\"ack\":2}",
        "{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",null],\"ack\":2,\"ack\":3,\"seq\":1}",
        "{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",null],\"ack\":2}",
        "{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",null],\"seq\":-1}",
        // broken or trailing JSON
        "{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",null],\"seq\":1",
        "{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",null],\"seq\":1}{}",
        "{\"t\":\"call\",\"fn\":\"Fns.move\",\"args\":[\"a\",nul],\"seq\":1}",
        "[]",
        ""
      })
  void leavesEveryOtherFrameToTheTreePath(String text) {
    assertThat(read(text)).isNull();
  }
}
