// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.web;

import dev.violetear.app.FragmentRequest;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * A fragment's read-only view of its request, as Javalin holds it.
 *
 * @param ctx the request, read only while the fragment runs
 */
record HttpFragmentRequest(Context ctx) implements FragmentRequest {
  @Override
  public String query(String name) {
    return ctx.queryParam(Objects.requireNonNull(name, "name == null"));
  }

  @Override
  public String toString() {
    return "FragmentRequest[" + ctx.path() + "]";
  }
}
