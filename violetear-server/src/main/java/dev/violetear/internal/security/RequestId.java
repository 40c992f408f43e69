// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.security;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Short ids that tie a generic error shown to a browser to the full report in the server log. They
 * only need to be unique enough to find a log line, not unguessable.
 */
public final class RequestId {
  private RequestId() {}

  /** Returns 8 random hex digits. */
  public static String next() {
    return String.format("%08x", ThreadLocalRandom.current().nextInt());
  }
}
