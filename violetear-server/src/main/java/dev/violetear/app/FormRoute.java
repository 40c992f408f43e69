// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.internal.forms.FormAction;
import dev.violetear.internal.forms.FormAnswer;
import dev.violetear.internal.forms.RecordDecoder;
import dev.violetear.internal.web.PageStates;
import dev.violetear.markup.Document;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One form route of an app: converts the posted fields to the record, runs the handler when they
 * did, and answers with a redirect or, when a field has an error, the page drawn again (422).
 */
final class FormRoute<T> implements FormAction {
  /** Unprocessable Content: the form was understood, and its values need fixing. */
  static final int INVALID = 422;

  private final String path;
  private final RecordDecoder<T> decoder;
  private final Function<Form, Document> page;
  private final FormHandler<T> handler;

  FormRoute(String path, Class<T> type, Function<Form, Document> page, FormHandler<T> handler) {
    this.path = path;
    this.decoder =
        RecordDecoder.of(
            type, "App.form(\"" + path + "\", " + type.getSimpleName() + ".class, ...)");
    this.page = Objects.requireNonNull(page, "page == null");
    this.handler = Objects.requireNonNull(handler, "handler == null");
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public FormAnswer submit(Map<String, List<String>> fields) throws Exception {
    RecordDecoder.Decoded<T> decoded;
    try {
      decoded = decoder.decode(fields);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    Form form = new Form(fields, decoded.errors());
    if (decoded.value() != null) {
      handler.handle(decoded.value(), form);
    }
    if (!form.hasErrors()) {
      String location = form.redirectLocation();
      return FormAnswer.redirect(location == null ? path : location);
    }
    Document shown = PageStates.build(() -> page.apply(form));
    if (shown == null) {
      throw new IllegalStateException(
          "The page function of App.form(\""
              + path
              + "\", ...) returned null instead of a Document");
    }
    return FormAnswer.page(INVALID, shown);
  }
}
