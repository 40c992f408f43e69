// SPDX-License-Identifier: Apache-2.0
package dev.violetear.examples.fragments;

import dev.violetear.markup.Element;
import dev.violetear.markup.Html;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The probe's {@code /slow} fragment, whose answer waits until the test lets it go: so a later load
 * of the same element can be answered first. Server-side only; client code never reaches it.
 */
final class SlowFragment {
  // Released once per request that arrived; the test takes one to know a request waits.
  static final Semaphore arrived = new Semaphore(0);
  static volatile CountDownLatch gate = new CountDownLatch(0);

  private SlowFragment() {}

  static Element render() throws InterruptedException {
    arrived.release();
    if (!gate.await(20, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the test never opened the gate of /slow");
    }
    return Html.p().id("slow").text("slow");
  }
}
