// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.Client;
import dev.violetear.Server;
import dev.violetear.VioletearException;
import dev.violetear.browser.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AppModelTest {
  static class Good {
    record Point(int x, int y) {}

    enum Kind {
      A,
      B
    }

    @Server.Rpc
    static Map<String, List<Point>> all(Optional<Kind> kind, Set<Long> ids, int[] raw) {
      return Map.of();
    }

    @Client.Callback
    static void click(Event e) {}

    @Client.Callback
    static void tap() {}

    @Client
    static String label() {
      return "";
    }
  }

  @Test
  void findsEveryAnnotatedMethodWithItsWireName() {
    AppModel model = AppModel.of(List.of(Good.class));

    assertThat(model.rpcs()).extracting(RpcMethod::name).containsExactly("Good.all");
    assertThat(model.clients())
        .extracting(ClientMethod::name, ClientMethod::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Good.click", ClientMethod.Kind.CALLBACK),
            org.assertj.core.groups.Tuple.tuple("Good.label", ClientMethod.Kind.PLAIN),
            org.assertj.core.groups.Tuple.tuple("Good.tap", ClientMethod.Kind.CALLBACK));
  }

  static class Unsupported {
    @Server.Rpc
    static void at(Instant when) {}
  }

  @Test
  void anUnsupportedSignatureIsRejectedNamingMethodParameterAndType() {
    assertThatThrownBy(() -> AppModel.of(List.of(Unsupported.class)))
        .isInstanceOf(VioletearException.class)
        .hasMessage(
            "The app's classes break 1 rule:\n"
                + "  - Unsupported.at parameter 'when' has type 'java.time.Instant', which cannot cross"
                + " the wire: 'java.time.Instant' is not a JSON type. Use primitives and their boxes,"
                + " String, enums, records, arrays, List<T>, Set<T>, Map<String, T> or Optional<T>,"
                + " nested freely.");
  }

  static class Broken {
    record Holder(Object anything) {}

    @Server.Rpc
    Holder notStatic() {
      return null;
    }

    @Server.Rpc
    static Holder nested() {
      return null;
    }

    @Server.Rpc
    static Map<Integer, String> keys() {
      return null;
    }

    @Server.Rpc
    static void twice(int a) {}

    @Server.Rpc
    static void twice(String a) {}

    @Server.Rpc
    @SuppressWarnings("rawtypes")
    static List raw() {
      return null;
    }

    @Client.Callback
    static int wrongShape(String s) {
      return 0;
    }

    @Client.Callback
    private static void hidden() {}

    @Client
    @Server.Rpc
    static void both() {}
  }

  @Test
  void everyBrokenRuleIsReportedOnceWithItsFix() {
    assertThatThrownBy(() -> AppModel.of(List.of(Broken.class)))
        .isInstanceOf(VioletearException.class)
        .hasMessage(
            "The app's classes break 8 rules:\n"
                + "  - Broken.both has @Server.Rpc and @Client; a method runs either on the server or"
                + " in the browser, in one role: keep one.\n"
                + "  - @Client.Callback method Broken.hidden must not be private: the generated"
                + " browser code calls it. Make it package-private or public.\n"
                + "  - Broken.keys return type has type 'java.util.Map<java.lang.Integer,"
                + " java.lang.String>', which cannot cross the wire: Map keys must be String (JSON"
                + " object keys).\n"
                + "  - Broken.nested return type has type"
                + " 'dev.violetear.internal.model.AppModelTest$Broken$Holder', which cannot cross the"
                + " wire: component 'anything' of record"
                + " 'dev.violetear.internal.model.AppModelTest$Broken$Holder': 'java.lang.Object' is"
                + " not a JSON type. Use primitives and their boxes, String, enums, records, arrays,"
                + " List<T>, Set<T>, Map<String, T> or Optional<T>, nested freely.\n"
                + "  - @Server.Rpc method Broken.notStatic must be static.\n"
                + "  - Broken.raw return type has type 'java.util.List', which cannot cross the wire:"
                + " 'List' needs its type arguments, for example List<String>.\n"
                + "  - @Server.Rpc method Broken.twice is overloaded or shares its name with another"
                + " remote method; remote functions are called by name, so give each its own name.\n"
                + "  - @Client.Callback method Broken.wrongShape must return void and take no"
                + " parameter or one dev.violetear.browser.Event; it is declared as 'static int"
                + " dev.violetear.internal.model.AppModelTest$Broken.wrongShape(java.lang.String)'.");
  }

  static class Twin {}

  static class Other {
    static class Twin {}
  }

  @Test
  void twoClassesWithOneSimpleNameAreRejected() {
    assertThatThrownBy(() -> AppModel.of(List.of(Twin.class, Other.Twin.class)))
        .hasMessageContaining(
            "Classes 'dev.violetear.internal.model.AppModelTest$Twin' and"
                + " 'dev.violetear.internal.model.AppModelTest$Other$Twin' have the same simple name"
                + " 'Twin', which names their functions on the wire; rename one of them.");
  }

  static class SignedInRules {
    @Server.Rpc
    @Server.SignedIn
    static void post(String text) {}

    @Server.Realtime
    @Server.SignedIn
    static void wave() {}

    @Server.On("said")
    @Server.SignedIn
    static void said(String text) {}

    @Client.Callback
    @Server.SignedIn
    static void click() {}

    @Server.SignedIn
    static void plain() {}
  }

  @Test
  void signedInIsOnlyForRpcAndRealtimeMethods() {
    assertThatThrownBy(() -> AppModel.of(List.of(SignedInRules.class)))
        .isInstanceOf(VioletearException.class)
        .hasMessage(
            "The app's classes break 3 rules:\n"
                + "  - @Server.SignedIn on SignedInRules.click: only @Server.Rpc and @Server.Realtime"
                + " methods can require a signed-in caller, not @Client.Callback. Remove it (a"
                + " @Server.On handler can check Principal.current(...) itself).\n"
                + "  - @Server.SignedIn on SignedInRules.plain: only @Server.Rpc and @Server.Realtime"
                + " methods can require a signed-in caller, and it has neither. Remove it (a"
                + " @Server.On handler can check Principal.current(...) itself).\n"
                + "  - @Server.SignedIn on SignedInRules.said: only @Server.Rpc and @Server.Realtime"
                + " methods can require a signed-in caller, not @Server.On. Remove it (a @Server.On"
                + " handler can check Principal.current(...) itself).");
  }

  static class NonBlockingRules {
    @Server.Rpc
    @Server.NonBlocking
    static int add(int a) {
      return a;
    }

    @Server.NonBlocking
    static void plain() {}

    @Server.Realtime
    @Server.NonBlocking
    static void move(int x) {}
  }

  @Test
  void nonBlockingIsOnlyForRealtimeMethods() {
    assertThatThrownBy(() -> AppModel.of(List.of(NonBlockingRules.class)))
        .isInstanceOf(VioletearException.class)
        .hasMessage(
            "The app's classes break 2 rules:\n"
                + "  - @Server.NonBlocking on NonBlockingRules.add: only @Server.Realtime methods"
                + " run on the thread that read their call, not @Server.Rpc. Remove it, or make the"
                + " method @Server.Realtime.\n"
                + "  - @Server.NonBlocking on NonBlockingRules.plain: only @Server.Realtime methods"
                + " run on the thread that read their call. Remove it, or make the method"
                + " @Server.Realtime.");
  }

  static class SignedInAllowed {
    @Server.Rpc
    @Server.SignedIn
    static void post(String text) {}

    @Server.Realtime
    @Server.SignedIn
    static void wave() {}
  }

  @Test
  void signedInRpcAndRealtimeMethodsAreAccepted() {
    AppModel model = AppModel.of(List.of(SignedInAllowed.class));

    assertThat(model.rpcs()).extracting(RpcMethod::name).containsExactly("SignedInAllowed.post");
    assertThat(model.realtimes())
        .extracting(RealtimeMethod::name)
        .containsExactly("SignedInAllowed.wave");
  }

  static class WideCall {
    @Client.Realtime
    static void four(int a, int b, int c, int d) {}

    @Client.Realtime
    static void five(int a, int b, int c, int d, int e) {}
  }

  @Test
  void aClientRealtimeMethodTakesNoMoreArgumentsThanATypedReference() {
    assertThatThrownBy(() -> AppModel.of(List.of(WideCall.class)))
        .isInstanceOf(VioletearException.class)
        .hasMessage(
            "The app's classes break 1 rule:\n"
                + "  - @Client.Realtime method WideCall.five takes 5 parameters, but the server"
                + " calls it with a typed method reference, which takes at most 4 (ClientCall.Of0"
                + " to Of4): group the values in a record.");
  }
}
