// SPDX-License-Identifier: Apache-2.0
package dev.violetear.redis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The number of the last message delivered from each node. Each node numbers its messages 1, 2, 3,
 * ... and Redis keeps one node's commands in order, so a number at or below the last is a copy (a
 * command retried after a dropped connection that Redis had run already) and a number past the next
 * means messages were lost. Only the reading thread uses it.
 *
 * <pre>{@code
 * Origins origins = new Origins();
 * origins.check("node-a", 1);   // NEXT
 * origins.check("node-a", 1);   // DUPLICATE
 * origins.check("node-a", 3);   // GAP: 2 was lost
 * origins.forgiveGaps();         // after a resync
 * origins.check("node-a", 9);   // NEXT
 * }</pre>
 */
final class Origins {
  /** What a message's number says. */
  enum Verdict {
    /** The next message of its node (or the first seen from it): deliver it. */
    NEXT,
    /** A copy of one delivered already: skip it. */
    DUPLICATE,
    /** Messages before it were lost: resync, then deliver it. */
    GAP
  }

  private final Map<String, Long> last = new HashMap<>();
  // Nodes whose next gap is already covered by a resync.
  private final Set<String> forgiven = new HashSet<>();

  /** Judges message {@code seq} of node {@code origin}, and records it unless a duplicate. */
  Verdict check(String origin, long seq) {
    Long before = last.get(origin);
    if (before != null && seq <= before) {
      return Verdict.DUPLICATE;
    }
    last.put(origin, seq);
    boolean isForgiven = forgiven.remove(origin);
    // A node first seen mid-stream started before this one did: its earlier messages are older.
    return before == null || seq == before + 1 || isForgiven ? Verdict.NEXT : Verdict.GAP;
  }

  /**
   * Takes each node's next gap as covered: for after a resync, when what was lost before it no
   * longer matters to the pages. Copies are still recognised.
   */
  void forgiveGaps() {
    forgiven.addAll(last.keySet());
  }
}
