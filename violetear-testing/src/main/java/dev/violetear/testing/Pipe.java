// SPDX-License-Identifier: Apache-2.0
package dev.violetear.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * One direction of a proxied connection: a reader thread moves chunks from the source socket into a
 * bounded queue, and a writer thread takes them out in order and writes them to the target once
 * {@link FaultState} allows it.
 *
 * <p>Two threads rather than one so that a delay is latency, not a throughput cap: the reader keeps
 * reading while earlier chunks wait out their delay. The queue holds at most {@link #MAX_CHUNKS}
 * chunks of at most {@link #CHUNK_BYTES} (plus one being read and one being written: 160 KiB in
 * all); when it is full the reader stops reading and TCP flow control pushes back on the sender, so
 * a stall holds data without losing it and without unbounded buffering.
 */
final class Pipe {
  static final int CHUNK_BYTES = 16 * 1024;
  static final int MAX_CHUNKS = 8;

  /** Read bytes, or the end of the stream when {@code bytes} is null. */
  private record Chunk(byte[] bytes, long readAtNanos) {}

  private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(MAX_CHUNKS);
  private final ProxiedConnection connection;
  private final Socket source;
  private final Socket target;
  private final FaultState faults;
  private final LongAdder forwarded;

  Pipe(
      ProxiedConnection connection,
      Socket source,
      Socket target,
      FaultState faults,
      LongAdder forwarded) {
    this.connection = connection;
    this.source = source;
    this.target = target;
    this.faults = faults;
    this.forwarded = forwarded;
  }

  /** Runs the reader loop until the source ends or fails; the end is queued like data. */
  void read() {
    try {
      InputStream in = source.getInputStream();
      byte[] buffer = new byte[CHUNK_BYTES];
      while (true) {
        int n = in.read(buffer);
        if (n < 0) {
          queue.put(new Chunk(null, System.nanoTime()));
          return;
        }
        queue.put(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime()));
      }
    } catch (IOException e) {
      connection.abort("read failed: " + e);
    } catch (InterruptedException e) {
      // Only the connection's own close interrupts us; it is already tearing everything down.
      Thread.currentThread().interrupt();
    }
  }

  /** Runs the writer loop until the end of the stream is forwarded or the connection dies. */
  void write() {
    try {
      OutputStream out = target.getOutputStream();
      while (true) {
        Chunk chunk = queue.take();
        if (!faults.awaitForwardable(chunk.readAtNanos())) {
          return;
        }
        if (chunk.bytes() == null) {
          // Pass the half-close on, so the peer sees the end of the stream exactly as sent.
          target.shutdownOutput();
          connection.directionFinished();
          return;
        }
        out.write(chunk.bytes());
        forwarded.add(chunk.bytes().length);
      }
    } catch (IOException e) {
      connection.abort("write failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
