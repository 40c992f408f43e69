// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How origins are compared; the HTTP and socket behaviour is in OriginCheckTest. */
class OriginPolicyTest {
  private static final String REFUSED =
      "' may not call this app; add it with AppConfig.allowedOrigins(...) if it should";

  @Test
  void originsAreComparedInCanonicalForm() {
    assertThat(OriginPolicy.canonical("https://App.Example.COM"))
        .isEqualTo("https://app.example.com");
    assertThat(OriginPolicy.canonical("https://app.example.com:443"))
        .isEqualTo("https://app.example.com");
    assertThat(OriginPolicy.canonical("http://app.example.com:80"))
        .isEqualTo("http://app.example.com");
    assertThat(OriginPolicy.canonical("http://app.example.com:443"))
        .isEqualTo("http://app.example.com:443");
    assertThat(OriginPolicy.canonical("http://[::1]:8080")).isEqualTo("http://[::1]:8080");
    assertThat(OriginPolicy.canonical("chrome-extension://abcdef"))
        .isEqualTo("chrome-extension://abcdef");
    assertThat(OriginPolicy.canonical("null")).isEqualTo("null");
  }

  @Test
  void theAppsOwnOriginComesFromTheSchemeAndHostHeader() {
    assertThat(OriginPolicy.ownOrigin("http", "localhost:8080", "ignored", 1))
        .isEqualTo("http://localhost:8080");
    assertThat(OriginPolicy.ownOrigin("https", "Shop.Example.com:443", null, 0))
        .isEqualTo("https://shop.example.com");
    assertThat(OriginPolicy.ownOrigin("http", "[::1]:8080", null, 0))
        .isEqualTo("http://[::1]:8080");
    assertThat(OriginPolicy.ownOrigin("ws", "localhost:8080", null, 0))
        .isEqualTo("http://localhost:8080");
    assertThat(OriginPolicy.ownOrigin("wss", "localhost", null, 0)).isEqualTo("https://localhost");
    // No Host header (HTTP/2 has :authority instead): the server's name and port.
    assertThat(OriginPolicy.ownOrigin("https", null, "shop.example.com", 443))
        .isEqualTo("https://shop.example.com");
    assertThat(OriginPolicy.ownOrigin("http", null, "::1", 8080)).isEqualTo("http://[::1]:8080");
    // A Host that is not a host matches no origin.
    assertThat(OriginPolicy.ownOrigin("http", "evil.example/path", null, 0)).isNull();
    assertThat(OriginPolicy.ownOrigin("http", null, null, 0)).isNull();
  }

  @Test
  void onlyTheOwnOriginAndListedOnesPass() {
    OriginPolicy policy = new OriginPolicy(List.of("https://app.example.com"));
    String own = "http://localhost:8080";
    assertThat(policy.refusal(null, own, "a test")).isNull();
    assertThat(policy.refusal("http://localhost:8080", own, "a test")).isNull();
    assertThat(policy.refusal("https://app.example.com", own, "a test")).isNull();
    assertThat(policy.refusal("https://app.example.com:443", own, "a test")).isNull();
    assertThat(policy.refusal("null", own, "a test")).isEqualTo("Origin 'null" + REFUSED);
    assertThat(policy.refusal("http://localhost:8081", own, "a test"))
        .isEqualTo("Origin 'http://localhost:8081" + REFUSED);
    // Without a Host, not even a page claiming to be the app's own passes.
    assertThat(policy.refusal("http://localhost:8080", null, "a test"))
        .isEqualTo("Origin 'http://localhost:8080" + REFUSED);
    assertThat(new OriginPolicy(List.of("null")).refusal("null", own, "a test")).isNull();
  }

  @Test
  void theLogRemembersABoundedNumberOfOrigins() {
    OriginPolicy policy = new OriginPolicy(List.of());
    for (int i = 0; i < 3 * OriginPolicy.MAX_LOGGED; i++) {
      assertThat(policy.refusal("https://site" + i + ".example", "http://localhost", "a test"))
          .isNotNull();
    }
    assertThat(policy.loggedOrigins()).isEqualTo(OriginPolicy.MAX_LOGGED);
  }

  @Test
  void rememberedDecisionsMatchFreshOnes() {
    OriginPolicy policy = new OriginPolicy(List.of("https://app.example.com"));
    for (int round = 0; round < 3; round++) {
      assertThat(policy.refusal("http://localhost:8080", "http", "localhost:8080", "a test"))
          .isNull();
      assertThat(policy.refusal("https://app.example.com", "http", "localhost:8080", "a test"))
          .isNull();
      assertThat(policy.refusal("http://localhost", "http", "LOCALHOST:80", "a test")).isNull();
      // An origin allowed for one Host is judged anew for another.
      assertThat(policy.refusal("http://localhost:8080", "http", "evil.example", "a test"))
          .isEqualTo("Origin 'http://localhost:8080" + REFUSED);
      assertThat(policy.refusal("http://localhost:8080", "https", "localhost:8080", "a test"))
          .isEqualTo("Origin 'http://localhost:8080" + REFUSED);
      assertThat(policy.refusal("http://localhost:8081", "http", "localhost:8080", "a test"))
          .isEqualTo("Origin 'http://localhost:8081" + REFUSED);
      assertThat(policy.refusal("null", "http", "localhost:8080", "a test"))
          .isEqualTo("Origin 'null" + REFUSED);
      assertThat(policy.refusal("http://localhost:8080", "http", "localhost:8080/x", "a test"))
          .isEqualTo("Origin 'http://localhost:8080" + REFUSED);
    }
    // Only the three allowed pairs are remembered; refusals are judged (and logged) every time.
    assertThat(policy.rememberedPairs()).isEqualTo(3);
  }

  @Test
  void everNewHostsCannotGrowTheMemory() {
    OriginPolicy policy = new OriginPolicy(List.of());
    for (int i = 0; i < 5 * OriginPolicy.MAX_REMEMBERED; i++) {
      String host = "host" + i + ".example";
      assertThat(policy.refusal("https://" + host, "https", host, "a test")).isNull();
      assertThat(policy.rememberedPairs()).isLessThanOrEqualTo(OriginPolicy.MAX_REMEMBERED);
    }
    String longHost = "h".repeat(OriginPolicy.MAX_REMEMBERED_LENGTH) + ".example";
    OriginPolicy fresh = new OriginPolicy(List.of());
    assertThat(fresh.refusal("https://" + longHost, "https", longHost, "a test")).isNull();
    assertThat(fresh.rememberedPairs()).isZero();
  }
}
