// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.get;
import static dev.violetear.app.TestApps.postForm;
import static dev.violetear.app.TestApps.serverLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.State;
import dev.violetear.markup.Document;
import dev.violetear.markup.Element;
import dev.violetear.markup.Html;
import dev.violetear.markup.Repeat;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A view gives a state the value its page starts with ({@code Document.initial}): the page renders
 * its bound markup with it and carries it, escaped, in a JSON data block for the bundle; every
 * other page, and the state itself, keep their own value. Misuse is refused with what to do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InitialStateTest {
  record Tag(String id, String label) {}

  record Rename(String name) {}

  static final class Profile {
    static final State<String> name = State.of("nobody");
    static final State<String> greeting = name.map(n -> "Hello, " + n + "!");
    static final State<Boolean> admin = State.of(false);
    static final State<String> home = State.of("/people/nobody");
    static final State<List<Tag>> tags = State.of(List.of());
    static final Repeat<Tag> tagList = Repeat.of(tags, Tag::id, t -> Html.li(t.label()));
    static final State<Integer> visits = State.shared(0);
  }

  /** Who the next request to /profile is for: what a view would load from a store. */
  static final AtomicReference<String> who = new AtomicReference<>("Ada");

  App app;

  static Document profile() {
    String n = who.get();
    return Document.titled("Profile")
        .initial(Profile.name, n)
        .initial(Profile.admin, n.equals("Ada"))
        .initial(Profile.home, "/people/" + n)
        .initial(Profile.tags, List.of(new Tag("t1", n + "'s tag")))
        .body(
            Html.input().value(Profile.name),
            Html.p().text(Profile.greeting),
            Html.p().cls("admin", Profile.admin).visible(Profile.admin),
            Html.input().attr("type", "checkbox").checked(Profile.admin),
            Html.a("#", "home").attr("href", Profile.home),
            Html.ul().repeat(Profile.tagList));
  }

  static Document renamePage(Form form) {
    return Document.titled("Rename")
        .initial(Profile.name, form.value("name"))
        .body(Html.p().text(Profile.greeting), Html.p().text(form.error("name")));
  }

  @BeforeAll
  void startApp() {
    app =
        TestApps.start(
            a ->
                a.register(Profile.class)
                    .view("/profile", InitialStateTest::profile)
                    .view(
                        "/late",
                        () -> {
                          Element shown = Html.p().text(Profile.name);
                          return Document.titled("t").initial(Profile.name, "Ada").body(shown);
                        })
                    .view(
                        "/shared",
                        () -> Document.titled("t").initial(Profile.visits, 3).body(Html.p()))
                    .view(
                        "/derived",
                        () -> Document.titled("t").initial(Profile.greeting, "Hi").body(Html.p()))
                    .form(
                        "/rename",
                        Rename.class,
                        InitialStateTest::renamePage,
                        (rename, form) -> form.addError("name", "Taken.")));
  }

  @AfterAll
  void stopApp() {
    if (app != null) {
      app.stop();
    }
  }

  @Test
  void eachRequestRendersTheBoundMarkupWithItsOwnValues() {
    who.set("Ada");
    String ada = get(app, "/profile").body();
    who.set("Bob");
    String bob = get(app, "/profile").body();

    assertThat(ada)
        .contains("<input value=\"Ada\" data-bind=\"value:Profile.name\">")
        .contains("<p data-bind=\"text:Profile.greeting\">Hello, Ada!</p>")
        .contains(
            "<p class=\"admin\" data-bind=\"class-admin:Profile.admin;visible:Profile.admin\">")
        .contains("<input type=\"checkbox\" checked=\"\" data-bind=\"checked:Profile.admin\">")
        .contains("<a href=\"/people/Ada\" data-bind=\"attr-href:Profile.home\">home</a>")
        .contains(
            "<ul data-bind=\"each:Profile.tagList\"><li data-key=\"t1\">Ada&#39;s tag</li></ul>");
    assertThat(bob)
        .contains("<input value=\"Bob\" data-bind=\"value:Profile.name\">")
        .contains("<p data-bind=\"text:Profile.greeting\">Hello, Bob!</p>")
        .contains("<p hidden=\"\" data-bind=\"class-admin:Profile.admin;visible:Profile.admin\">")
        .contains("<input type=\"checkbox\" data-bind=\"checked:Profile.admin\">")
        .contains("<li data-key=\"t1\">Bob&#39;s tag</li>");
    // The state itself, which every other page starts from, is unchanged.
    assertThat(Profile.name.get()).isEqualTo("nobody");
    assertThat(Profile.greeting.get()).isEqualTo("Hello, nobody!");
  }

  @Test
  void theValuesTravelInAJsonDataBlockBeforeTheScripts() {
    who.set("Ada");
    String page = get(app, "/profile").body();

    assertThat(page)
        .contains(
            "<script type=\"application/json\" id=\"violetear-state\">{\"Profile.name\":\"Ada\","
                + "\"Profile.admin\":true,\"Profile.home\":\"/people/Ada\","
                + "\"Profile.tags\":[{\"id\":\"t1\",\"label\":\"Ada's tag\"}]}</script>"
                + "<script defer src=\"/_violetear/");
  }

  @Test
  void aHostileValueCannotCloseTheDataBlock() {
    who.set("</script><script>alert(1)</script><!--");
    String page = get(app, "/profile").body();

    assertThat(page)
        .contains(
            "{\"Profile.name\":\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"
                + "\\u003c/script\\u003e\\u003c!--\",")
        .contains("value=\"&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--\"")
        .doesNotContain("<script>alert(1)")
        .doesNotContain("<!--");
  }

  @Test
  void aValueGivenAfterTheMarkupReadTheStateIsRefused() {
    HttpResponse<String> response = get(app, "/late");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(serverLog())
        .contains(
            "Document.initial(Profile.name, value) comes after the view read the state (markup"
                + " bound it, or get() was called), so the page would show two values: give"
                + " initial values first, as in Document.titled(...).initial(state, value)"
                + ".body(...).");
  }

  @Test
  void aSharedStateTakesNoPageValue() {
    HttpResponse<String> response = get(app, "/shared");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(serverLog())
        .contains(
            "Document.initial(Profile.visits, value): Profile.visits is shared, so every page"
                + " shows the server's one value; change it with set or update on the server, or"
                + " give pages their own values with a State.of(...) state.");
  }

  @Test
  void aDerivedStateTakesNoPageValue() {
    HttpResponse<String> response = get(app, "/derived");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(serverLog())
        .contains(
            "Document.initial(Profile.greeting, value): Profile.greeting is derived (made with"
                + " map) and follows the state it was mapped from; give that state's value"
                + " instead.");
  }

  @Test
  void outsideAPageBuildTheCallIsRefused() {
    assertThatThrownBy(() -> Document.titled("t").initial(Profile.name, "Ada"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Document.initial(Profile.name, value) works only while the app builds a page: call"
                + " it in a view (app.view) or in the page function of a form route (app.form),"
                + " before the markup that binds Profile.name.");
  }

  @Test
  void aStateNoRegisteredClassHoldsIsRefused() {
    assertThatThrownBy(() -> Document.titled("t").initial(State.of("loose"), "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Document.initial(State, value) was given a State that no registered class holds.");
  }

  @Test
  void aFormRoutesPageGivesValuesToo() {
    HttpResponse<String> response = postForm(app, "/rename", "name=Cy");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body())
        .contains("<p data-bind=\"text:Profile.greeting\">Hello, Cy!</p>")
        .contains("{\"Profile.name\":\"Cy\"}");
  }
}
