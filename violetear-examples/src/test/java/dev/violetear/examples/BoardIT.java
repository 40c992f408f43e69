// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textMatches;

import dev.violetear.examples.BrowserFixture.Session;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * The board with two players, each in a browser of their own: pointer moves are high-frequency
 * realtime calls that every player sees, and a started game is announced to the server and to every
 * browser.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BoardIT {
  @RegisterExtension
  static final BrowserFixture browser =
      new BrowserFixture(() -> Showcase.create().register(GameWatcher.class));

  private static final Pattern MOVE = Pattern.compile("(guest-\\S{4}) at (-?\\d+),(-?\\d+)");

  @Test
  void aPlayersPointerMovesAppearOnTheOtherPlayersBoard() {
    try (Session ada = browser.newSession();
        Session bob = browser.newSession()) {
      String a = play(ada);
      String b = play(bob);
      assertThat(a).isNotEqualTo(b);

      WebElement board = ada.byId("board");
      ada.execute()
          .executeScript(
              "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", board);
      int width = board.getRect().getWidth();
      int height = board.getRect().getHeight();
      // Offsets are from the board's centre: a sweep of moves, then one last, known position.
      Actions moves = new Actions(ada.driver());
      for (int i = -5; i <= 5; i++) {
        moves.moveToElement(board, i * width / 12, i * height / 12);
      }
      moves.moveToElement(board, -width / 4, -height / 4).perform();

      // The last move reached Bob (and Ada: a broadcast reaches the mover too).
      int x = width / 2 - width / 4;
      int y = height / 2 - height / 4;
      String expected = a + " at " + x + "," + y;
      for (Session s : List.of(bob, ada)) {
        s.waitUntil(d -> near(s.byId("last-move").getText(), a, x, y) ? Boolean.TRUE : null);
        WebElement cursor = s.waitUntil(presenceOfElementLocated(By.id("cursor-" + a)));
        assertThat(cursor.getText()).isEqualTo(a);
        assertThat(cursor.getDomAttribute("style"))
            .as("where %s's cursor is drawn, expected near %s", a, expected)
            .contains("left: " + coordinate(s.byId("last-move").getText(), 2) + "px")
            .contains("top: " + coordinate(s.byId("last-move").getText(), 3) + "px");
      }
      // Bob did not move: his board has no cursor of his own, and nobody else's but Ada's.
      assertThat(bob.driver().findElements(By.id("cursor-" + b))).isEmpty();
    }
  }

  @Test
  void startingAGameAnnouncesItToEveryBrowserAndToTheServer() {
    try (Session ada = browser.newSession();
        Session bob = browser.newSession()) {
      play(ada);
      String b = play(bob);
      int before = GameWatcher.started.size();

      bob.byId("start").click();

      Pattern announced = Pattern.compile("Game #(\\d+) started by " + Pattern.quote(b));
      bob.waitUntil(textMatches(By.id("game"), announced));
      ada.waitUntil(textMatches(By.id("game"), announced));
      String text = bob.byId("game").getText();
      assertThat(ada.byId("game").getText()).isEqualTo(text);
      Matcher m = announced.matcher(text);
      assertThat(m.matches()).isTrue();
      int number = Integer.parseInt(m.group(1));

      // The server's @Server.On("game_started") handlers ran once, with the game (app.emit); the
      // emitToAll to the browsers did not run them again.
      new FluentWait<>(GameWatcher.started)
          .withTimeout(BrowserFixture.TIMEOUT)
          .pollingEvery(Duration.ofMillis(20))
          .until(q -> q.size() > before);
      assertThat(GameWatcher.started.stream().skip(before).toList())
          .containsExactly(new Board.Game(number, b));
    }
  }

  /** Opens the board and waits until its socket is live; returns the player's name. */
  private static String play(Session s) {
    s.open("/board");
    s.awaitOnline();
    return "guest-" + s.clientId().value().substring(0, 4);
  }

  /**
   * Whether {@code lastMove} reads "{@code who} at x,y" with x, y within 2 px of the expected
   * position (the pointer lands on the centre's pixel grid, rounded either way).
   */
  private static boolean near(String lastMove, String who, int x, int y) {
    Matcher m = MOVE.matcher(lastMove);
    return m.matches()
        && m.group(1).equals(who)
        && Math.abs(Integer.parseInt(m.group(2)) - x) <= 2
        && Math.abs(Integer.parseInt(m.group(3)) - y) <= 2;
  }

  private static String coordinate(String lastMove, int group) {
    Matcher m = MOVE.matcher(lastMove);
    assertThat(m.matches()).as("last move %s", lastMove).isTrue();
    return m.group(group);
  }
}
