// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The raw HTTP baseline: a Javalin endpoint doing what an RPC call does at its core, a Jackson
 * decode of {@code {"args":[...]}} and a JSON answer, with no framework. It also serves the
 * hand-written counter page that the time-to-ready figure compares the framework's page with.
 * Usage: {@code JavalinTarget <port>}.
 */
public final class JavalinTarget {
  private JavalinTarget() {}

  /** The body an RPC call posts. */
  public record Call(List<String> args) {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    ObjectMapper mapper = new ObjectMapper();
    AtomicInteger count = new AtomicInteger();
    Javalin app =
        Javalin.create(
            config -> {
              // Served like the framework serves its pages: gzip, the showcase's stylesheet.
              config.http.compressionStrategy = CompressionStrategy.GZIP;
              serve(config, "/hand");
              serve(config, "/static");
              config.routes.post(
                  "/rpc",
                  ctx -> {
                    Call call = mapper.readValue(ctx.bodyAsBytes(), Call.class);
                    ctx.contentType("application/json; charset=utf-8")
                        .result(mapper.writeValueAsBytes(Map.of("result", call.args().get(0))));
                  });
              config.routes.post(
                  "/add",
                  ctx -> {
                    int delta = mapper.readTree(ctx.bodyAsBytes()).get("args").get(0).asInt();
                    ctx.contentType("application/json; charset=utf-8")
                        .result(
                            mapper.writeValueAsBytes(
                                Map.of("result", Map.of("value", count.addAndGet(delta)))));
                  });
            });
    app.start(port);
    try {
      new Control(payload -> {}).serve(app.port());
    } finally {
      app.stop();
    }
  }

  private static void serve(JavalinConfig config, String directory) {
    config.staticFiles.add(
        files -> {
          files.hostedPath = directory;
          files.directory = directory;
          files.location = Location.CLASSPATH;
        });
  }
}
