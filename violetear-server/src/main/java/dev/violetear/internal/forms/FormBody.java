// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.forms;

import dev.violetear.RpcException;
import dev.violetear.internal.wire.ErrorReports;
import dev.violetear.internal.wire.Utf8;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.content.ByteBufferContentSource;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Reads the fields of a posted form body, as browsers send it: {@code
 * application/x-www-form-urlencoded} (the default) or {@code multipart/form-data} without files,
 * both in UTF-8. Each failure is an {@link RpcException} whose message the visitor may read: 415
 * {@code UnsupportedMediaType} for another body, 400 {@code BadForm} for a malformed one.
 *
 * <pre>{@code
 * FormBody.Kind kind = FormBody.kindOf(ctx.header("Content-Type"), "The form posted to /sign");
 * Map<String, List<String>> fields = FormBody.parse(kind, contentType, body, what);
 * }</pre>
 */
public final class FormBody {
  /** The most fields one form may send, repeated names counted each time. */
  public static final int MAX_FIELDS = 1000;

  private static final String URLENCODED = "application/x-www-form-urlencoded";
  private static final String MULTIPART = "multipart/form-data";

  /** The encodings a form body may have. */
  public enum Kind {
    URLENCODED,
    MULTIPART
  }

  private FormBody() {}

  /**
   * Returns the kind of body a {@code Content-Type} announces.
   *
   * @param what the request, for messages, like "The form posted to /sign"
   * @throws RpcException 415 {@code UnsupportedMediaType} for anything but a form in UTF-8
   */
  public static Kind kindOf(String contentType, String what) {
    if (contentType != null) {
      String[] parts = contentType.split(";");
      String media = parts[0].trim().toLowerCase(Locale.ROOT);
      Kind kind =
          media.equals(URLENCODED)
              ? Kind.URLENCODED
              : media.equals(MULTIPART) ? Kind.MULTIPART : null;
      boolean isUtf8 = true;
      for (int i = 1; i < parts.length; i++) {
        String[] param = parts[i].trim().split("=", 2);
        if (param[0].trim().equalsIgnoreCase("charset")) {
          isUtf8 = param.length == 2 && param[1].trim().replace("\"", "").equalsIgnoreCase("utf-8");
        }
      }
      if (kind != null && isUtf8) {
        return kind;
      }
    }
    throw new RpcException(
        "UnsupportedMediaType",
        what
            + " must be sent as "
            + URLENCODED
            + " or "
            + MULTIPART
            + " in UTF-8, as browsers send a form, not as "
            + (contentType == null
                ? "a body without a Content-Type"
                : "'" + ErrorReports.shorten(contentType) + "'"),
        415);
  }

  /**
   * Returns the fields of {@code body}: the values of each name in the order sent.
   *
   * @throws RpcException 400 {@code BadForm} for a malformed body, one over {@link #MAX_FIELDS}
   *     fields, or a file
   */
  public static Map<String, List<String>> parse(
      Kind kind, String contentType, byte[] body, String what) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    if (kind == Kind.URLENCODED) {
      readUrlencoded(body, fields, what);
    } else {
      readMultipart(contentType, body, fields, what);
    }
    return fields;
  }

  private static void readUrlencoded(byte[] body, Map<String, List<String>> fields, String what) {
    int count = 0;
    int start = 0;
    while (start <= body.length) {
      int end = indexOf(body, (byte) '&', start);
      if (end > start) {
        int eq = indexOf(body, (byte) '=', start);
        int nameEnd = eq >= 0 && eq < end ? eq : end;
        String name = decode(body, start, nameEnd, what);
        String value = nameEnd < end ? decode(body, nameEnd + 1, end, what) : "";
        count = add(fields, name, value, count, what);
      }
      start = end + 1;
    }
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return bytes.length;
  }

  /** Decodes {@code +} and {@code %XX} between {@code from} and {@code to}, then the UTF-8. */
  private static String decode(byte[] body, int from, int to, String what) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      byte b = body[i];
      if (b == '+') {
        out.write(' ');
      } else if (b == '%') {
        int high = i + 2 < to ? Character.digit(body[i + 1], 16) : -1;
        int low = high >= 0 ? Character.digit(body[i + 2], 16) : -1;
        if (low < 0) {
          throw badForm(
              what
                  + " is not valid "
                  + URLENCODED
                  + ": a '%' is not followed by two hexadecimal digits");
        }
        out.write(high * 16 + low);
        i += 2;
      } else {
        out.write(b);
      }
    }
    byte[] bytes = out.toByteArray();
    if (!Utf8.isValid(bytes)) {
      throw badForm(what + " holds text that is not UTF-8");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void readMultipart(
      String contentType, byte[] body, Map<String, List<String>> fields, String what) {
    String boundary = MultiPart.extractBoundary(contentType);
    if (boundary == null || boundary.isEmpty()) {
      throw badForm(what + " is " + MULTIPART + " without a boundary in its Content-Type");
    }
    MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
    parser.setMaxParts(MAX_FIELDS);
    // The body is in memory already, bounded by maxRequestBytes: no part goes to a file.
    parser.setMaxMemoryFileSize(body.length + 1L);
    parser.setMaxLength(body.length);
    MultiPartFormData.Parts parts;
    try {
      parts =
          parser
              .parse(
                  new ByteBufferContentSource(ByteBuffer.wrap(body)),
                  Invocable.InvocationType.NON_BLOCKING)
              .get();
    } catch (ExecutionException e) {
      throw badForm(what + " is not valid " + MULTIPART + " of at most " + MAX_FIELDS + " fields");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw badForm(what + " could not be read");
    }
    try (parts) {
      int count = 0;
      for (MultiPart.Part part : parts) {
        String name = part.getName();
        if (name == null) {
          throw badForm(what + " has a part without a name");
        }
        if (part.getFileName() != null) {
          // An empty file input still sends a part, named but empty: that is no file.
          if (part.getFileName().isEmpty() && part.getLength() == 0) {
            continue;
          }
          throw badForm(
              what
                  + " sends a file in field '"
                  + ErrorReports.shorten(name)
                  + "'; form routes take text fields only");
        }
        byte[] bytes =
            part.getContentAsString(StandardCharsets.ISO_8859_1)
                .getBytes(StandardCharsets.ISO_8859_1);
        if (!Utf8.isValid(bytes)) {
          throw badForm(what + " holds text that is not UTF-8");
        }
        count = add(fields, name, new String(bytes, StandardCharsets.UTF_8), count, what);
      }
    }
  }

  private static int add(
      Map<String, List<String>> fields, String name, String value, int count, String what) {
    if (count >= MAX_FIELDS) {
      throw badForm(what + " has more than " + MAX_FIELDS + " fields");
    }
    fields.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
    return count + 1;
  }

  private static RpcException badForm(String message) {
    return new RpcException("BadForm", message, 400);
  }
}
