// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.realtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.violetear.internal.rpc.RpcFunction;
import java.io.IOException;
import java.util.Map;

/**
 * A call frame read straight from the parser into its function's parameter types, without a JSON
 * tree: {@code {"t":"call","fn":...,"args":[...],"ack":m,"seq":n}}, exactly as violetear.js writes
 * it, with the ack only when the page acknowledges the server's frames up to {@code m} in it. It
 * only ever answers for such a frame of a known function whose every argument converts; any other
 * frame, and every fault, answers null and the dispatcher reads the frame as a tree, which words
 * the error, so a page sees the same whichever path ran.
 *
 * <pre>{@code
 * DirectCall call = DirectCall.read(mapper, realtimes, text);   // null: read it as a tree
 * }</pre>
 */
record DirectCall(String name, RpcFunction function, Object[] values, long ack, long seq) {
  // What every frame this path reads starts with: other frames (emits above all) skip the parser.
  private static final String PREFIX = "{\"t\":\"call\",";
  private static final String NAMED = PREFIX + "\"fn\":\"";
  private static final SerializedString T = new SerializedString("t");
  private static final SerializedString FN = new SerializedString("fn");
  private static final SerializedString ARGS = new SerializedString("args");
  private static final SerializedString SEQ = new SerializedString("seq");
  private static final String ACK = "ack";

  /** The call in {@code text}, or null when the tree path must read it. */
  static DirectCall read(ObjectMapper mapper, Map<String, RpcFunction> functions, String text) {
    if (!text.startsWith(PREFIX)) {
      return null;
    }
    try (JsonParser p = mapper.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT
          || !p.nextFieldName(T)
          || !"call".equals(p.nextTextValue())
          || !p.nextFieldName(FN)) {
        return null;
      }
      String name = p.nextTextValue();
      RpcFunction function = name == null ? null : functions.get(name);
      if (function == null || !p.nextFieldName(ARGS) || p.nextToken() != JsonToken.START_ARRAY) {
        return null;
      }
      Object[] values = function.readArgumentsDirectly(p);
      if (values == null) {
        return null;
      }
      long ack = -1;
      if (!p.nextFieldName(SEQ)) {
        if (p.currentToken() != JsonToken.FIELD_NAME
            || !ACK.equals(p.currentName())
            || (ack = wholeNumber(p)) < 0
            || !p.nextFieldName(SEQ)) {
          return null;
        }
      }
      long seq = wholeNumber(p);
      boolean complete = p.nextToken() == JsonToken.END_OBJECT && p.nextToken() == null;
      return complete && seq >= 0 ? new DirectCall(name, function, values, ack, seq) : null;
    } catch (IOException | RuntimeException e) {
      // The tree path meets the same fault and words it.
      return null;
    }
  }

  /**
   * The function a call frame names, read from the start violetear.js writes ({@code
   * {"t":"call","fn":"Chat.send",...}}) without parsing the rest; null for any other frame, or a
   * name written with escapes.
   */
  static RpcFunction named(Map<String, RpcFunction> functions, String text) {
    if (!text.startsWith(NAMED)) {
      return null;
    }
    int end = text.indexOf('"', NAMED.length());
    return end < 0 ? null : functions.get(text.substring(NAMED.length(), end));
  }

  /** The next value when it is a whole number from 0 to Long.MAX_VALUE, else -1. */
  private static long wholeNumber(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.VALUE_NUMBER_INT
        || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      return -1;
    }
    return p.getLongValue();
  }
}
