// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.RpcException;
import dev.violetear.Server;
import dev.violetear.State;
import dev.violetear.VioletearException;
import dev.violetear.browser.Dom;
import dev.violetear.browser.DomElement;
import dev.violetear.browser.Event;
import dev.violetear.markup.Binding;
import dev.violetear.markup.Document;
import dev.violetear.markup.Element;
import dev.violetear.markup.Html;
import dev.violetear.markup.Node;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Uses every public method from plain Java, as an app would. If this stops compiling, the public
 * API changed: make that a deliberate decision.
 */
@Timeout(60)
class PublicApiTest {
  /** A complete little app: server, client and page. */
  static class Greeter {
    record Greeting(String text, int count) {}

    record Member(String name) {}

    @Server.Rpc
    static Greeting greet(String name) {
      ClientId who = ClientId.caller();
      if (name.isBlank()) {
        throw new RpcException("NoName", "Tell me your name", 422);
      }
      return new Greeting("Hello, " + name + " (" + who.value().length() + ")", 1);
    }

    @Client
    static String shout(String s) {
      return s + "!";
    }

    @Client.Callback
    static void hello(Event e) {
      DomElement input = Dom.find("name");
      String typed = input.value();
      input.value("").focus();
      DomElement out = Dom.findOrNull("out");
      if (out == null) {
        return;
      }
      try {
        Greeting g = greet(typed);
        out.text(shout(g.text())).attr("data-count", String.valueOf(g.count()));
      } catch (RpcException ex) {
        out.text(ex.type() + ": " + ex.getMessage() + " " + ex.status());
      }
      out.addClass("shown").removeClass("hidden").toggleClass("ok", true).removeAttr("title");
      out.append(Dom.create("small").text(e.type() + e.key() + e.target().text()));
      if (out.hasClass("x") && out.attr("id") != null) {
        out.clear().remove();
      }
      out.load("/hello").appendFragment("/greeting?name=Ada").replaceWithFragment("/hello");
    }

    @Client.Callback
    static void reset() {}

    @Server.Realtime
    static void wave(int times) {}

    @Server.Rpc
    @Server.SignedIn
    static String members() {
      return "for " + Principal.current(Member.class).orElseThrow().name();
    }

    @Server.Realtime
    @Server.SignedIn
    static void memberWave() {}

    /** The app's guard: the "member" cookie names the member. */
    static Member guard(GuardRequest request) {
      String name = request.cookie("member");
      if (request.header("X-Banned") != null) {
        throw GuardRejection.forbidden("Banned");
      }
      if ("".equals(name)) {
        throw GuardRejection.unauthorized(
            "Empty name on "
                + request.path()
                + (request.isHandshake() ? " (socket)" : "")
                + " for "
                + request.clientId().value());
      }
      return name == null ? null : new Member(name);
    }

    @Server.On("greeted")
    static void onGreeted(ClientId from, String name) {}

    @Client.On("greeted")
    static void greeted(String name) {}

    @Client.Realtime
    static void none() {}

    @Client.Realtime
    static void one(String a) {}

    @Client.Realtime
    static void two(String a, int b) {}

    @Client.Realtime
    static void three(String a, int b, double c) {}

    @Client.Realtime
    static void four(String a, int b, double c, boolean d) {}

    record Signup(String name, List<String> topics) {}

    static Document signupPage(Form form) {
      return Document.titled("Sign up")
          .body(
              Form.post("/signup")
                  .child(
                      Html.input().attr("name", "name").attr("value", form.value("name")),
                      Html.span().text(form.error("name")),
                      Html.p().text(String.join(",", form.values("topics")))),
              Html.p().text(form.errors().toString()));
    }

    static void signup(Signup signup, Form form) {
      if (signup.name().isBlank()) {
        form.addError("name", "Name?");
      }
      if (!form.hasErrors()) {
        form.redirect("/welcome");
      }
    }

    static final State<String> visitor = State.of("");

    static Document visitorPage(String name) {
      return Document.titled("Visitor").initial(visitor, name).body(Html.p().text(visitor));
    }

    static Document page() {
      Element form = Html.form().id("f").on("submit", Greeter::hello);
      form.child(Html.input().id("name"), Html.button("Hi").attr("type", "submit"));
      Node note = Html.text("note");
      return Document.titled("Greeter")
          .lang("en")
          .icon("data:,")
          .stylesheet("/s.css")
          .meta("description", "greets")
          .description("greets everyone")
          .link("manifest", "/greeter.webmanifest")
          .body(
              Html.main().cls("page").child(form, Html.div().id("out"), note),
              Html.button().text("Reset").on("click", Greeter::reset),
              Html.element("article").children(List.of(Html.p().text("x"))),
              Html.fieldset()
                  .child(
                      Html.legend("More"),
                      Html.h4().text("a"),
                      Html.h5().text("b"),
                      Html.h6().text("c"),
                      Html.textarea(),
                      Html.select().child(Html.option("v", "t")),
                      Html.hr(),
                      Html.br(),
                      Html.pre().child(Html.code().text("x"))));
    }
  }

  @Test
  void everyPublicMethodIsUsableFromPlainJava(@org.junit.jupiter.api.io.TempDir Path cache)
      throws Exception {
    Document page = Greeter.page();
    Set<Binding> bindings = page.bindings();
    assertThat(bindings)
        .extracting(Binding::callbackName)
        .containsExactly("Greeter.hello", "Greeter.reset");
    assertThat(page.title()).isEqualTo("Greeter");
    assertThat(page.render()).contains("data-on-submit=\"Greeter.hello\"");
    assertThat(page.render(List.of("/app.js"), c -> false))
        .contains("<meta name=\"violetear-socket\" content=\"lazy\">");
    assertThat(page.render(List.of("/app.js"), "/forms.js", c -> false)).contains("/app.js");
    assertThat(page.render(List.of("/app.js"), "/socket.js", null, c -> false))
        .contains("<meta name=\"violetear-socket-src\" content=\"/socket.js\">");
    assertThat(Html.div().tag()).isEqualTo("div");

    try (App app =
        App.create(
                "Greeter",
                config ->
                    config
                        .bundleCacheDir(cache)
                        .maxRequestBytes(64 * 1024)
                        .clientIdSecret(new byte[32])
                        .handlerThreads(4)
                        .allowedOrigins("https://greeter.example")
                        .maxMessagesPerSecond(500)
                        .resumeGrace(java.time.Duration.ofSeconds(45)))
            .register(Greeter.class)
            .guard(Greeter.Member.class, Greeter::guard)
            .view("/", Greeter::page)
            .fragment("/hello", () -> Html.p().text("Hello"))
            .fragment(
                "/greeting",
                request -> Html.p().text(request.query("name") + " " + request.queryInt("n", 1)))
            .view("/signup", () -> Greeter.signupPage(Form.blank()))
            .view(
                "/signup/edit",
                () -> Greeter.signupPage(Form.of(new Greeter.Signup("Ada", List.of("a")))))
            .view("/visitor", () -> Greeter.visitorPage("Ada"))
            .form("/signup", Greeter.Signup.class, Greeter::signupPage, Greeter::signup)
            .staticFiles("/static", "/violetear-test-static")) {
      app.start(0);
      assertThat(app.port()).isPositive();
      assertThat(app.stats()).isEqualTo(new RealtimeStats(0, 0, 0, 0, 0));
      assertThat(app.toString()).contains("Greeter");
      assertThat(TestApps.rpc(app, "Greeter.greet", "{\"args\":[\"Ada\"]}").body())
          .startsWith("{\"result\":{\"text\":\"Hello, Ada (");
      assertThat(TestApps.get(app, "/").body()).contains("<title>Greeter</title>");
      assertThat(TestApps.get(app, "/greeting?name=Ada").body()).isEqualTo("<p>Ada 1</p>");
      assertThat(TestApps.get(app, "/signup/edit").body())
          .contains("<input name=\"name\" value=\"Ada\"><span></span><p>a</p>");
      assertThat(TestApps.get(app, "/visitor").body())
          .contains("<p data-bind=\"text:Greeter.visitor\">Ada</p>");
      assertThat(TestApps.postForm(app, "/signup", "name=Ada").headers().firstValue("Location"))
          .hasValue("/welcome");
      assertThat(TestApps.postForm(app, "/signup", "name=&topics=a&topics=b").body())
          .contains("<span>Name?</span><p>a,b</p></form><p>{name=Name?}</p>");
      assertThat(
              TestApps.rpc(app, "Greeter.members", "{\"args\":[]}", "Cookie", "member=ada").body())
          .isEqualTo("{\"result\":\"for ada\"}");
      assertThat(TestApps.rpc(app, "Greeter.members", "{\"args\":[]}").statusCode()).isEqualTo(401);
      assertThat(TestApps.rpc(app, "Greeter.members", "{\"args\":[]}", "Cookie", "member=").body())
          .contains("Empty name on /_violetear/rpc/Greeter.members for ");
      assertThat(
              TestApps.rpc(app, "Greeter.members", "{\"args\":[]}", "X-Banned", "yes").statusCode())
          .isEqualTo(403);
      GuardRejection rejection = GuardRejection.unauthorized("Sign in");
      assertThat(rejection.type() + rejection.status() + rejection.getMessage())
          .isEqualTo("Unauthenticated401Sign in");
      assertThat(GuardRejection.forbidden("No").status()).isEqualTo(403);

      ClientId id = ClientId.of("someone");
      app.clients().join(id, "friends");
      app.clients().to(id).invoke(Greeter::none);
      app.clients().to(id).invoke(Greeter::one, "a");
      app.clients().to(id).invoke(Greeter::two, "a", 1);
      app.clients().to(id).invoke(Greeter::three, "a", 1, 2.0);
      app.clients().to(id).invoke(Greeter::four, "a", 1, 2.0, true);
      app.clients().group("friends").invoke(Greeter::none);
      app.clients().group("friends").invoke(Greeter::one, "a");
      app.clients().group("friends").invoke(Greeter::two, "a", 1);
      app.clients().group("friends").invoke(Greeter::three, "a", 1, 2.0);
      app.clients().group("friends").invoke(Greeter::four, "a", 1, 2.0, true);
      app.clients().all().invoke(Greeter::none);
      app.clients().all().invoke(Greeter::one, "a");
      app.clients().all().invoke(Greeter::two, "a", 1);
      app.clients().all().invoke(Greeter::three, "a", 1, 2.0);
      app.clients().all().invoke(Greeter::four, "a", 1, 2.0, true);
      app.emit("greeted", "Ada");
      app.clients().to(id).emit("greeted", "Ada");
      app.clients().group("friends").emit("greeted", null);
      app.clients().all().emit("greeted", "Ada");
      app.clients().leave(id, "friends");
    }
    // start() takes port 8000, which a test must not hold; referencing it keeps it in the API.
    java.util.function.Function<App, App> startOnDefaultPort = App::start;
    assertThat(startOnDefaultPort).isNotNull();
    App unstarted = App.create("Never");
    unstarted.stop();
    assertThat(new VioletearException("x", new RuntimeException()).getCause()).isNotNull();
  }
}
