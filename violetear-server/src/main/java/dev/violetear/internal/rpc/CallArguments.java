// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.rpc;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.violetear.RpcException;
import dev.violetear.internal.wire.ConversionProblem;
import dev.violetear.internal.wire.Utf8;
import dev.violetear.internal.wire.WireJson;
import java.io.IOException;

/**
 * Turns the body of an RPC call, {@code {"args":[...]}}, into the function's arguments. A
 * well-formed call of a function whose parameters allow it is read straight from the parser (see
 * {@link DirectArguments}); anything else, and every failure, goes through a JSON tree, which is
 * what words the error that names the fault.
 */
final class CallArguments {
  private CallArguments() {}

  /**
   * Returns the arguments in {@code body}.
   *
   * @throws RpcException {@code BadRequest} (400) when the body is not a JSON object with an array
   *     {@code args}, or {@code BadArguments} (400) when the arguments do not fit the parameters
   */
  static Object[] read(RpcFunction function, ObjectMapper mapper, byte[] body, String name) {
    if (body.length == 0) {
      throw badRequest(prefix(name) + " is empty; send {\"args\":[...]}");
    }
    if (!Utf8.isValid(body)) {
      // Jackson would decode overlong forms (0xC0 0xAF is '/') and code points beyond U+10FFFF.
      throw badRequest(prefix(name) + " is not valid UTF-8");
    }
    DirectArguments direct = function.direct();
    Object[] args = direct == null ? null : direct.read(body);
    return args != null ? args : function.readArguments(tree(mapper, body, prefix(name)));
  }

  private static String prefix(String name) {
    return "The body of the call to " + name;
  }

  /** The {@code args} array of a body already known to be non-empty UTF-8. */
  static JsonNode tree(ObjectMapper mapper, byte[] body, String prefix) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      String limit = WireJson.brokenLimit(e, mapper);
      if (limit != null) {
        throw badRequest(prefix + " " + limit);
      }
      JsonLocation at = e.getLocation();
      throw badRequest(
          prefix
              + " is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    } catch (IOException e) {
      throw badRequest(prefix + " is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw badRequest(
          prefix
              + " must be a JSON object like {\"args\":[...]}, got "
              + ConversionProblem.value(root));
    }
    JsonNode args = root.get("args");
    if (args == null) {
      throw badRequest(prefix + " has no 'args' array");
    }
    if (!args.isArray()) {
      throw badRequest(prefix + " must have an array 'args', got " + ConversionProblem.value(args));
    }
    return args;
  }

  private static RpcException badRequest(String message) {
    return new RpcException("BadRequest", message, 400);
  }
}
