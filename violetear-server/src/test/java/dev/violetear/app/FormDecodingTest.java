// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import static dev.violetear.app.TestApps.postForm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.violetear.markup.Document;
import dev.violetear.markup.Element;
import dev.violetear.markup.Html;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A posted form becomes the route's record, field by field and type by type; a field that does not
 * convert becomes an error shown next to it, on the page drawn again with what the visitor typed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FormDecodingTest {
  enum Size {
    SMALL,
    LARGE
  }

  record Order(
      String name,
      int count,
      long big,
      short few,
      byte tiny,
      double price,
      float weight,
      char initial,
      boolean gift,
      Integer tip,
      Size size,
      Optional<String> note,
      Optional<Integer> floor,
      List<String> toppings,
      List<Size> extras) {}

  record Single(int count) {}

  static final List<String> FIELDS =
      List.of(
          "name",
          "count",
          "big",
          "few",
          "tiny",
          "price",
          "weight",
          "initial",
          "gift",
          "tip",
          "size",
          "note",
          "floor",
          "toppings",
          "extras");

  /** The full form as a browser sends it: every field, a checked box, two toppings. */
  static final String VALID =
      "name=Ada+L%C3%B6we&count=3&big=9007199254740993&few=-7&tiny=12&price=2.50&weight=.5"
          + "&initial=%C3%A9&gift=on&tip=&size=LARGE&note=&floor=4&toppings=olives"
          + "&toppings=&toppings=basil&extras=SMALL&extras=&extras=LARGE&send=Order";

  final AtomicReference<Object> last = new AtomicReference<>();
  App app;

  /** The order form: each field's value and error, with ids to find them. */
  static Document page(Form form) {
    Element fields = Form.post("/order");
    for (String field : FIELDS) {
      fields.child(
          Html.input().attr("name", field).attr("value", form.value(field)),
          Html.span().id(field + "-error").text(form.error(field)));
    }
    return Document.titled("Order").body(fields);
  }

  @BeforeAll
  void startApp() {
    app =
        TestApps.start(
            a ->
                a.form(
                        "/order",
                        Order.class,
                        FormDecodingTest::page,
                        (order, form) -> last.set(order))
                    .form(
                        "/single",
                        Single.class,
                        form -> Document.titled("Single").body(Html.p().text(form.error("count"))),
                        (single, form) -> last.set(single)));
  }

  @AfterAll
  void stopApp() {
    if (app != null) {
      app.stop();
    }
  }

  @BeforeEach
  void forget() {
    last.set(null);
  }

  @Test
  void everySupportedTypeIsReadFromItsField() {
    HttpResponse<String> response = postForm(app, "/order", VALID);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    assertThat(last.get())
        .isEqualTo(
            new Order(
                "Ada Löwe",
                3,
                9_007_199_254_740_993L,
                (short) -7,
                (byte) 12,
                2.5,
                0.5f,
                'é',
                true,
                null,
                Size.LARGE,
                Optional.empty(),
                Optional.of(4),
                List.of("olives", "", "basil"),
                List.of(Size.SMALL, Size.LARGE)));
  }

  @Test
  void checkboxesAbsentAreFalseAndOptionalsAndListsEmpty() {
    String body =
        "name=&count=0&big=0&few=0&tiny=0&price=0&weight=0&initial=x&tip=+5+&size=SMALL&floor=";

    assertThat(postForm(app, "/order", body).statusCode()).isEqualTo(303);

    Order order = (Order) last.get();
    assertThat(order.gift()).isFalse();
    assertThat(order.name()).isEmpty();
    assertThat(order.tip()).isEqualTo(5);
    assertThat(order.note()).isEmpty();
    assertThat(order.floor()).isEmpty();
    assertThat(order.toppings()).isEmpty();
    assertThat(order.extras()).isEmpty();
  }

  @Test
  void checkboxValuesThatMeanUncheckedAreFalse() {
    for (String value : List.of("false", "off", "")) {
      postForm(app, "/order", VALID.replace("gift=on", "gift=" + value));
      assertThat(((Order) last.get()).gift()).as(value).isFalse();
    }
    postForm(app, "/order", VALID.replace("gift=on", "gift=false&gift=yes"));
    assertThat(((Order) last.get()).gift()).as("a hidden false then a checked box").isTrue();
  }

  @Test
  void fieldsThatDoNotConvertGetTheirOwnErrorAndKeepWhatWasTyped() {
    String body =
        VALID
            .replace("count=3", "count=abc")
            .replace("few=-7", "few=40000")
            .replace("price=2.50", "price=0x1p3")
            .replace("initial=%C3%A9", "initial=ab")
            .replace("size=LARGE", "size=HUGE")
            .replace("floor=4", "floor=4th")
            .replace("extras=LARGE", "extras=large")
            .replace("name=Ada+L%C3%B6we&", "");

    HttpResponse<String> response = postForm(app, "/order", body);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(last.get()).as("the handler does not run").isNull();
    assertThat(response.body())
        .contains(
            "<input name=\"name\" value=\"\"><span id=\"name-error\">This field is required.</span>",
            "<input name=\"count\" value=\"abc\"><span id=\"count-error\">Enter a whole"
                + " number.</span>",
            "<input name=\"few\" value=\"40000\"><span id=\"few-error\">Enter a whole number from"
                + " -32768 to 32767.</span>",
            "<input name=\"price\" value=\"0x1p3\"><span id=\"price-error\">Enter a"
                + " number.</span>",
            "<input name=\"initial\" value=\"ab\"><span id=\"initial-error\">Enter a single"
                + " character.</span>",
            "<input name=\"size\" value=\"HUGE\"><span id=\"size-error\">Choose one of: SMALL,"
                + " LARGE.</span>",
            "<input name=\"floor\" value=\"4th\"><span id=\"floor-error\">Enter a whole"
                + " number.</span>",
            "<span id=\"extras-error\">Choose one of: SMALL, LARGE.</span>",
            // The fields that converted keep their text and have no error.
            "<input name=\"big\" value=\"9007199254740993\"><span id=\"big-error\"></span>",
            "<input name=\"toppings\" value=\"olives\"><span id=\"toppings-error\"></span>");
  }

  @Test
  void aMissingPrimitiveOrBlankNumberIsRequired() {
    HttpResponse<String> missing = postForm(app, "/single", "other=1");
    HttpResponse<String> blank = postForm(app, "/single", "count=+++");

    assertThat(missing.statusCode()).isEqualTo(422);
    assertThat(missing.body()).contains("<p>This field is required.</p>");
    assertThat(blank.statusCode()).isEqualTo(422);
    assertThat(blank.body()).contains("<p>This field is required.</p>");
  }

  @Test
  void numbersBeyondTheirTypeAreOutOfRange() {
    HttpResponse<String> response = postForm(app, "/single", "count=99999999999999999999");

    assertThat(response.body())
        .contains("<p>Enter a whole number from -2147483648 to 2147483647.</p>");
  }

  @Test
  void multipartFormsDecodeAlike() {
    String boundary = "----violetear7MA4YWxk";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"count\"\r\n\r\n42\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n\r\n--"
            + boundary
            + "--\r\n";

    HttpResponse<String> response =
        TestApps.send(
            java.net.http.HttpRequest.newBuilder(TestApps.uri(app, "/single"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    assertThat(last.get()).as("an empty file input sends no file").isEqualTo(new Single(42));
  }
}
