// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.client;

import dev.violetear.RpcException;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/** Performs a blocking RPC call from a browser-side green thread through window.violetear. */
public final class Rpc {
  private Rpc() {}

  /**
   * Posts the encoded arguments to {@code fn} and returns the JSON {@code result} of the answer.
   *
   * @throws RpcException with the server's error type and message when the call fails
   */
  public static JSObject call(String fn, JSObject[] args) {
    JSObject body = Json.object();
    JSObject list = Json.array();
    for (JSObject a : args) {
      Json.push(list, a);
    }
    Json.set(body, "args", list);
    JSObject answer = send(fn, Json.stringify(body)).await();
    int status = status(answer);
    JSObject parsed;
    try {
      parsed = Json.parse(text(answer));
    } catch (RuntimeException e) {
      throw new RpcException(
          "BadResponse",
          "The server's answer to " + fn + " is not JSON (HTTP " + status + ")",
          status);
    }
    if (status == 200 && !Json.isNull(parsed) && Json.has(parsed, "result")) {
      return Json.get(parsed, "result");
    }
    JSObject error = Json.isNull(parsed) ? null : Json.get(parsed, "error");
    if (error == null || Json.isNull(error)) {
      throw new RpcException(
          "BadResponse",
          "The server's answer to " + fn + " has no result (HTTP " + status + ")",
          status);
    }
    throw new RpcException(
        Json.asString(Json.get(error, "type")), Json.asString(Json.get(error, "message")), status);
  }

  @JSBody(
      params = {"fn", "body"},
      script = "return window.violetear.rpc(fn, body);")
  private static native JSPromise<JSObject> send(String fn, String body);

  @JSBody(params = "a", script = "return a.status;")
  private static native int status(JSObject a);

  @JSBody(params = "a", script = "return a.body;")
  private static native String text(JSObject a);
}
