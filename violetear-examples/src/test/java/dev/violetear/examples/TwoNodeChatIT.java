// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static dev.violetear.examples.ChatPage.awaitLine;
import static dev.violetear.examples.ChatPage.enter;
import static dev.violetear.examples.ChatPage.linesAbout;
import static dev.violetear.examples.ChatPage.say;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import dev.violetear.app.App;
import dev.violetear.examples.BrowserFixture.Session;
import dev.violetear.redis.RedisBackplane;
import dev.violetear.testing.FaultProxy;
import dev.violetear.testing.RedisServer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The showcase chat on two nodes joined through a real Redis, as a load balancer would serve it:
 * Ada's browser reaches node A through a proxy that plays the balancer, Bob's browser talks to node
 * B. They chat across the nodes; then Ada's network is cut, Bob writes meanwhile, and the balancer
 * sends Ada's reconnect to node B: her page resumes there and shows what Bob wrote, once, in order,
 * and the room announces nothing.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TwoNodeChatIT {
  private static RedisServer redis;
  private static App nodeA;
  private static App nodeB;
  private static FaultProxy balancer;

  @RegisterExtension
  static final BrowserFixture browser = BrowserFixture.serving(TwoNodeChatIT::startNodes);

  /** Redis, two nodes of the showcase, and the balancer in front of node A; its port is theirs. */
  private static BrowserFixture.Target startNodes() {
    redis = RedisServer.start();
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 5);
    nodeA = node(secret);
    nodeB = node(secret);
    balancer = FaultProxy.start(nodeA.port());
    return new BrowserFixture.Target() {
      @Override
      public int port() {
        return balancer.port();
      }

      @Override
      public void close() {
        balancer.close();
        nodeA.stop();
        nodeB.stop();
        redis.close();
      }
    };
  }

  private static App node(byte[] secret) {
    App app =
        Showcase.create(
            Path.of(".violetear", "cache"),
            c -> c.clientIdSecret(secret).backplane(RedisBackplane.at(redis.url())));
    return app.start(0);
  }

  @Test
  void aChatAcrossTwoNodesSurvivesACutThatMovesAPageToTheOtherNode() throws InterruptedException {
    try (Session ada = browser.newSession();
        Session bob = browser.newSession()) {
      String a = enter(ada, browser.url("/chat"));
      String b = enter(bob, "http://localhost:" + nodeB.port() + "/chat");
      awaitLine(ada, "joined", b + " joined");
      say(ada, "hello from node A");
      awaitLine(bob, "message", a + ": hello from node A");
      say(bob, "hi from node B");
      awaitLine(ada, "message", b + ": hi from node B");

      // The cut: Ada is offline and cannot reconnect until the balancer sends her to node B.
      ChatPage.cutWhileOtherSpeaks(balancer, ada, bob, b);
      balancer.retarget(nodeB.port());
      balancer.refuseNew(false);

      ada.waitUntil(textToBe(By.id("status"), "online"));
      awaitLine(ada, "message", b + ": during the cut 3");
      say(ada, "back, now on node B");
      awaitLine(bob, "message", a + ": back, now on node B");

      assertThat(nodeA.stats().connections()).as("node A serves no page now").isZero();
      assertThat(linesAbout(ada, a, b))
          .as("Ada's page, which moved from node A to node B")
          .containsExactly(
              a + " joined",
              b + " joined",
              a + ": hello from node A",
              b + ": hi from node B",
              b + ": during the cut 1",
              b + ": during the cut 2",
              b + ": during the cut 3",
              a + ": back, now on node B");
      assertThat(linesAbout(bob, a, b))
          .as("Bob's page on node B")
          .containsExactly(
              b + " joined",
              a + ": hello from node A",
              b + ": hi from node B",
              b + ": during the cut 1",
              b + ": during the cut 2",
              b + ": during the cut 3",
              a + ": back, now on node B");
    }
  }
}
