// SPDX-License-Identifier: Apache-2.0
package dev.violetear.app;

import dev.violetear.RpcException;

/**
 * What a fragment sees of the request that loads it: the query of the path the page loaded.
 *
 * <pre>{@code
 * app.fragment("/messages/list", request -> Messages.page(request.queryInt("before", 0)));
 * // client code: Dom.find("messages").appendFragment("/messages/list?before=12");
 * }</pre>
 *
 * <p>Valid only while the fragment runs. {@code ClientId.caller()} and {@link Principal#current}
 * work in a fragment as in an RPC method.
 */
public interface FragmentRequest {
  /**
   * Returns the first value of the query parameter {@code name}, decoded, or null when the query
   * has none.
   *
   * <pre>{@code
   * String tag = request.query("tag");   // "news" for /messages/list?tag=news
   * }</pre>
   *
   * @param name the parameter's name, exactly as in the query
   * @return the value, or null
   */
  String query(String name);

  /**
   * Returns the query parameter {@code name} as an int, or {@code defaultValue} when the query has
   * none; a value that is not a whole number in int's range is the caller's mistake, answered with
   * 400 {@code BadRequest} naming the parameter.
   *
   * <pre>{@code
   * int before = request.queryInt("before", Integer.MAX_VALUE);
   * }</pre>
   *
   * @param name the parameter's name, exactly as in the query
   * @param defaultValue the value when the parameter is absent
   * @return the parameter's value, or {@code defaultValue}
   * @throws RpcException of type {@code BadRequest} (400) for a value that is not a whole number
   */
  default int queryInt(String name, int defaultValue) {
    String value = query(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new RpcException(
          "BadRequest",
          "Query parameter '"
              + name
              + "' must be a whole number, got '"
              + (value.length() > 40 ? value.substring(0, 40) + "..." : value)
              + "'",
          400);
    }
  }
}
