// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.get;
import static dev.violetear.app.TestApps.postForm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.violetear.markup.Document;
import dev.violetear.markup.Element;
import dev.violetear.markup.Html;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Form.of(record)} fills a form in from a record, as the form would post it: an edit page
 * shows the record's values, and posting them unchanged gives the handler an equal record.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FormOfTest {
  enum Size {
    SMALL,
    LARGE
  }

  record Order(
      String name,
      int count,
      double price,
      char initial,
      boolean gift,
      Boolean urgent,
      Long reference,
      Size size,
      Optional<String> note,
      Optional<Integer> floor,
      List<String> toppings,
      List<Size> extras) {}

  record Bad(String name, Object payload) {}

  static final Order ORDER =
      new Order(
          "Ada <3",
          3,
          2.5,
          'A',
          true,
          false,
          12345678901L,
          Size.LARGE,
          Optional.of("ring twice"),
          Optional.empty(),
          List.of("olives", "basil"),
          List.of(Size.SMALL, Size.LARGE));

  final AtomicReference<Order> saved = new AtomicReference<>();
  App app;

  static Document edit(Form form) {
    Element fields = Form.post("/orders");
    for (String field : List.of("name", "count", "size", "note")) {
      fields.child(Html.input().attr("name", field).attr("value", form.value(field)));
    }
    Element gift = Html.input().attr("type", "checkbox").attr("name", "gift");
    if (!form.value("gift").isEmpty()) {
      gift.attr("checked", "");
    }
    return Document.titled("Edit").body(fields.child(gift));
  }

  @BeforeAll
  void startApp() {
    app =
        TestApps.start(
            a ->
                a.view("/orders", () -> edit(Form.of(ORDER)))
                    .form("/orders", Order.class, FormOfTest::edit, (o, form) -> saved.set(o)));
  }

  @AfterAll
  void stopApp() {
    if (app != null) {
      app.stop();
    }
  }

  @Test
  void eachComponentIsTheTextItsFieldWouldPost() {
    Form form = Form.of(ORDER);

    assertThat(form.value("name")).isEqualTo("Ada <3");
    assertThat(form.value("count")).isEqualTo("3");
    assertThat(form.value("price")).isEqualTo("2.5");
    assertThat(form.value("initial")).isEqualTo("A");
    assertThat(form.value("gift")).isEqualTo("on");
    assertThat(form.values("urgent")).isEmpty();
    assertThat(form.value("reference")).isEqualTo("12345678901");
    assertThat(form.value("size")).isEqualTo("LARGE");
    assertThat(form.value("note")).isEqualTo("ring twice");
    assertThat(form.values("floor")).isEmpty();
    assertThat(form.values("toppings")).containsExactly("olives", "basil");
    assertThat(form.values("extras")).containsExactly("SMALL", "LARGE");
    assertThat(form.errors()).isEmpty();
  }

  @Test
  void anUncheckedCheckboxSendsNothing() {
    Order plain =
        new Order(
            "Bo",
            0,
            0,
            'b',
            false,
            null,
            null,
            Size.SMALL,
            Optional.empty(),
            Optional.of(2),
            List.of(),
            List.of());

    Form form = Form.of(plain);

    assertThat(form.values("gift")).isEmpty();
    assertThat(form.values("urgent")).isEmpty();
    assertThat(form.value("floor")).isEqualTo("2");
  }

  @Test
  void anEditPageShowsTheRecordsValues() {
    String page = get(app, "/orders").body();

    assertThat(page)
        .contains("<input name=\"name\" value=\"Ada &lt;3\">")
        .contains("<input name=\"count\" value=\"3\">")
        .contains("<input name=\"size\" value=\"LARGE\">")
        .contains("<input type=\"checkbox\" name=\"gift\" checked=\"\">");
  }

  @Test
  void postingTheFieldsBackGivesTheHandlerAnEqualRecord() {
    Form form = Form.of(ORDER);
    StringJoiner body = new StringJoiner("&");
    for (String field :
        List.of(
            "name",
            "count",
            "price",
            "initial",
            "gift",
            "urgent",
            "reference",
            "size",
            "note",
            "floor",
            "toppings",
            "extras")) {
      for (String value : form.values(field)) {
        body.add(field + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    }

    HttpResponse<String> response = postForm(app, "/orders", body.toString());

    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(saved.get()).isEqualTo(ORDER);
  }

  @Test
  void aRecordAFormCannotCarryIsRefusedNamingTheComponent() {
    assertThatThrownBy(() -> Form.of(new Bad("x", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Form.of(Bad): Bad.payload has type java.lang.Object, which a form field cannot"
                + " carry; use String, a primitive or its box, an enum, boolean for a checkbox,"
                + " or Optional or List of String, a box or an enum");
  }
}
