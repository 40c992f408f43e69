// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.violetear.ClientId;
import dev.violetear.RpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every topic reports an error, so that an RPC answer, a refused handshake, an error frame and
 * a log line read alike: the same JSON body, user values cut to the same length, clients named the
 * same way.
 */
public final class ErrorReports {
  private static final Logger log = LoggerFactory.getLogger(ErrorReports.class);
  private static final int MAX_ECHOED = 100;

  private ErrorReports() {}

  /** The body of an error answer: {@code {"error":{"type":...,"message":...}}}. */
  public static byte[] json(ObjectMapper mapper, String type, String message) {
    ObjectNode root = mapper.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("type", type);
    error.put("message", message);
    byte[] json;
    try {
      json = mapper.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of two strings always serializes", e);
    }
    return json;
  }

  /** Cuts echoed request values, so that a huge header or path does not bloat the answer. */
  public static String shorten(String value) {
    return value.length() > MAX_ECHOED ? value.substring(0, MAX_ECHOED) + "..." : value;
  }

  /** Names a client in logs. */
  public static String client(ClientId id) {
    return "client " + id.value();
  }

  /** The HTTP status that answers {@code e}: its own, or 422 when that is not an error status. */
  public static int status(RpcException e) {
    int status = e.status();
    if (status < 400 || status > 599) {
      // Anything else would tell the browser the call succeeded, or make no sense for an error.
      log.warn(
          "RpcException '{}' has status {}, which is not an error status; answering 422",
          e.type(),
          status);
      return 422;
    }
    return status;
  }
}
