// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples;

import dev.violetear.Client;
import dev.violetear.ClientId;
import dev.violetear.RpcException;
import dev.violetear.Server;
import dev.violetear.app.GuardRequest;
import dev.violetear.app.Principal;
import dev.violetear.browser.Dom;
import dev.violetear.browser.DomElement;
import dev.violetear.browser.Event;
import dev.violetear.markup.Document;
import dev.violetear.markup.Element;
import dev.violetear.markup.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The notice board: anyone reads it, only signed-in users post. The app's guard turns the browser's
 * {@link ClientId} into a {@link Member} when that browser has signed in, and
 * {@code @Server.SignedIn} makes the server refuse a signed-out post with {@code Unauthenticated},
 * which the page shows.
 *
 * <p>A demo, not a login system: signing in takes a name and no password, and who is signed in is
 * kept in memory by client id, so it ends with the server or the browser's cookie. A real app's
 * guard would check a session cookie or token issued by its login.
 */
public final class Notices {
  // Server state: the browser bundle never sees these initialisers.
  private static final int MAX_MEMBERS = 10_000;
  private static final int MAX_NOTICES = 20;
  private static final Map<ClientId, Member> members = new ConcurrentHashMap<>();
  private static final List<String> notices = new ArrayList<>();

  private Notices() {}

  /** A signed-in user: the principal of this app's guard. */
  public record Member(String name) {}

  /** The showcase's guard: the member this browser signed in as, or null (anonymous). */
  static Member guard(GuardRequest request) {
    return members.get(request.clientId());
  }

  // ---- server ------------------------------------------------------------------------------

  @Server.Rpc
  public static String signIn(String name) {
    String trimmed = name.strip();
    if (trimmed.isEmpty() || trimmed.length() > 40) {
      throw new RpcException("BadName", "Type a name of 1 to 40 characters to sign in.");
    }
    if (members.size() >= MAX_MEMBERS && !members.containsKey(ClientId.caller())) {
      throw new RpcException("Full", "Too many people are signed in; try again later.");
    }
    members.put(ClientId.caller(), new Member(trimmed));
    return trimmed;
  }

  @Server.Rpc
  public static void signOut() {
    members.remove(ClientId.caller());
  }

  /** The name the caller signed in with, or "" when signed out. */
  @Server.Rpc
  public static String me() {
    return Principal.current(Member.class).map(Member::name).orElse("");
  }

  @Server.Rpc
  @Server.SignedIn
  public static List<String> post(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty() || trimmed.length() > 200) {
      throw new RpcException("BadNotice", "Write a notice of 1 to 200 characters.");
    }
    Member author = Principal.current(Member.class).orElseThrow();
    synchronized (notices) {
      notices.add(author.name() + ": " + trimmed);
      if (notices.size() > MAX_NOTICES) {
        notices.remove(0);
      }
      return List.copyOf(notices);
    }
  }

  static List<String> all() {
    synchronized (notices) {
      return List.copyOf(notices);
    }
  }

  // ---- browser -----------------------------------------------------------------------------

  @Client.On("ready")
  public static void ready() {
    showMember(me());
  }

  @Client.Callback
  public static void submitName(Event e) {
    DomElement input = Dom.find("name");
    try {
      showMember(signIn(input.value()));
      input.value("");
      showError(null);
    } catch (RpcException ex) {
      showError(ex);
    }
  }

  @Client.Callback
  public static void leave() {
    signOut();
    showMember("");
    showError(null);
  }

  @Client.Callback
  public static void submitNotice(Event e) {
    DomElement input = Dom.find("notice");
    try {
      List<String> all = post(input.value());
      DomElement list = Dom.find("notices").clear();
      for (String notice : all) {
        list.append(Dom.create("li").text(notice));
      }
      input.value("");
      showError(null);
    } catch (RpcException ex) {
      showError(ex);
    }
  }

  @Client
  static void showMember(String name) {
    Dom.find("member").text(name.isEmpty() ? "Signed out" : "Signed in as " + name);
    Dom.find("sign-out").toggleClass("hidden", name.isEmpty());
  }

  /** Shows the server's error, type and message as it sent them; null hides it. */
  @Client
  static void showError(RpcException ex) {
    DomElement error = Dom.find("error");
    if (ex == null) {
      error.text("").attr("data-type", "").addClass("hidden");
    } else {
      error.text(ex.getMessage()).attr("data-type", ex.type()).removeClass("hidden");
    }
  }

  static Document page() {
    Element list = Html.ul().id("notices");
    for (String notice : all()) {
      list.child(Html.li(notice));
    }
    return Showcase.page(
        "Notices",
        Html.h1().text("Notices"),
        Html.p()
            .cls("lead")
            .text(
                "Anyone reads the notices; only signed-in users post. Signing in"
                    + " here takes just a name: a demo of the app's guard, not a login system."),
        Html.p().child(Html.small().id("member").text("Checking who you are...")),
        Html.form()
            .id("sign-in-form")
            .on("submit", Notices::submitName)
            .child(
                Html.input()
                    .id("name")
                    .attr("autocomplete", "off")
                    .attr("placeholder", "Your name"),
                Html.button("Sign in").id("sign-in").attr("type", "submit"),
                Html.text(" "),
                Html.button("Sign out")
                    .id("sign-out")
                    .cls("hidden")
                    .attr("type", "button")
                    .on("click", Notices::leave)),
        Html.form()
            .id("notice-form")
            .on("submit", Notices::submitNotice)
            .child(
                Html.input()
                    .id("notice")
                    .attr("autocomplete", "off")
                    .attr("placeholder", "Post a notice"),
                Html.button("Post").id("post").attr("type", "submit")),
        Html.p().id("error").cls("error", "hidden"),
        list);
  }
}
