// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.violetear.ClientId;
import dev.violetear.State;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Per-group states on the wire: each change reaches the pages of its group's members only, a join
 * brings the group's value and a leave the initial one, and a page that connects holds its group's
 * value within its welcome's replay.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GroupStateTest {
  static final class Rooms {
    static final State<Integer> score = State.perGroup(0);
  }

  App app;

  @BeforeAll
  void start() {
    app = TestApps.start(a -> a.register(Rooms.class));
  }

  @AfterAll
  void stop() {
    app.stop();
  }

  @Test
  void twoPagesInTwoGroupsGetOnlyTheirGroupsChanges() {
    try (TestSocket red = TestSocket.welcomed(app, TestApps.issueCookie(app));
        TestSocket blue = TestSocket.welcomed(app, TestApps.issueCookie(app))) {
      assertThat(red.next().toString())
          .isEqualTo("{\"t\":\"invoke\",\"fn\":\"@Rooms.score\",\"args\":[0]}");
      assertThat(blue.next().path("args").get(0).asInt()).isZero();
      app.clients().join(red.clientId(), "red");
      app.clients().join(blue.clientId(), "blue");

      Rooms.score.in("red").set(3);
      Rooms.score.in("blue").update(n -> n + 10);
      Rooms.score.in("red").update(n -> n + 1);

      assertThat(red.next().path("args").get(0).asInt()).isEqualTo(3);
      assertThat(red.next().path("args").get(0).asInt()).isEqualTo(4);
      assertThat(blue.next().toString())
          .isEqualTo("{\"t\":\"invoke\",\"fn\":\"@Rooms.score\",\"args\":[10]}");
      red.expectNothingYet();
      blue.expectNothingYet();
      assertThat(Rooms.score.in("red").get()).isEqualTo(4);
      assertThat(Rooms.score.get()).as("the state's own value stays the initial").isZero();
    }
  }

  @Test
  void aJoinBringsTheGroupsValueAndALeaveTheInitialOne() {
    Rooms.score.in("green").set(7);
    try (TestSocket page = TestSocket.welcomed(app, TestApps.issueCookie(app))) {
      assertThat(page.next().path("args").get(0).asInt()).isZero();

      app.clients().join(page.clientId(), "green");
      assertThat(page.next().path("args").get(0).asInt()).isEqualTo(7);
      app.clients().join(page.clientId(), "chat");
      page.expectNothingYet(); // a group without a value of the state changes nothing

      app.clients().leave(page.clientId(), "green");
      assertThat(page.next().path("args").get(0).asInt()).isZero();
      Rooms.score.in("green").set(8);
      page.expectNothingYet();
    }
  }

  @Test
  void aPageThatConnectsHoldsItsGroupsValueWithinTheReplay() {
    String cookie = TestApps.issueCookie(app);
    app.clients().join(ClientId.of(TestApps.idOf(cookie)), "amber");
    Rooms.score.in("amber").set(5);

    try (TestSocket page = TestSocket.open(app, cookie, "group-welcome")) {
      JsonNode welcome = page.next();
      JsonNode score = page.next();

      assertThat(score.toString())
          .isEqualTo("{\"t\":\"invoke\",\"fn\":\"@Rooms.score\",\"args\":[5]}");
      assertThat(welcome.path("replay").asLong())
          .as("the page runs its connect handlers after it")
          .isEqualTo(1);
    }
  }

  @Test
  void settingAGroupBackToTheInitialValueSendsItAndFreesTheGroup() {
    try (TestSocket page = TestSocket.welcomed(app, TestApps.issueCookie(app))) {
      page.next();
      app.clients().join(page.clientId(), "teal");
      Rooms.score.in("teal").set(2);
      assertThat(page.next().path("args").get(0).asInt()).isEqualTo(2);

      Rooms.score.in("teal").set(0);

      assertThat(page.next().path("args").get(0).asInt()).isZero();
      app.clients().leave(page.clientId(), "teal");
      page.expectNothingYet(); // the group has no value left: the page shows the initial already
    }
  }

  @Test
  void misusesNameTheFix() {
    assertThatThrownBy(() -> Rooms.score.set(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "State.set on a per-group state (made with State.perGroup): it holds a value per"
                + " group; on the server call state.in(group).set(...) instead.");
    assertThatThrownBy(() -> State.shared(0).in("red"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "State.in(\"red\") on a state that has one value for every page: only a state made"
                + " with State.perGroup(initial) has a value per group.");
    assertThatThrownBy(() -> Rooms.score.in(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("State.in: group must not be blank");
  }
}
