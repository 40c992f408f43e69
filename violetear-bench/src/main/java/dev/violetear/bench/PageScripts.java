// SPDX-License-Identifier: Apache-2.0
package dev.violetear.bench;

import dev.violetear.app.App;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * What a page downloads at load: every script it lists (the runtime, its socket half when the page
 * gets it, the bundle, the forms script), fetched from the running app as a browser would, raw and
 * gzipped. Reading the page rather than naming the scripts keeps the figure true when the server
 * changes which scripts a page gets.
 *
 * <pre>{@code
 * PageScripts scripts = PageScripts.of(app, "/");
 * System.out.println(scripts.describe()); // "2 scripts, 30,153 B raw, 12,840 B gzip"
 * }</pre>
 *
 * @param urls the script URLs, in document order
 * @param raw their sizes added up, in bytes
 * @param gzip their gzipped sizes added up, in bytes
 */
public record PageScripts(List<String> urls, int raw, int gzip) {
  private static final Pattern SCRIPT = Pattern.compile("<script defer src=\"([^\"]+)\"");

  /** Fetches the page at {@code path} of the started {@code app}, then each script it lists. */
  public static PageScripts of(App app, String path) throws IOException {
    HttpClient http = HttpClient.newHttpClient();
    Matcher src = SCRIPT.matcher(new String(get(http, app, path), StandardCharsets.UTF_8));
    List<String> urls = new ArrayList<>();
    int raw = 0;
    int gzip = 0;
    while (src.find()) {
      byte[] script = get(http, app, src.group(1));
      urls.add(src.group(1));
      raw += script.length;
      gzip += gzipped(script);
    }
    return new PageScripts(List.copyOf(urls), raw, gzip);
  }

  /** Says how many scripts and how large, for a figures line. */
  public String describe() {
    return String.format(Locale.ROOT, "%d scripts, %,d B raw, %,d B gzip", urls.size(), raw, gzip);
  }

  private static byte[] get(HttpClient http, App app, String path) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path)).build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IOException("GET " + path + " answered " + response.statusCode());
      }
      return response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + path, e);
    }
  }

  /** The size of {@code bytes} gzipped, as the server sends scripts. */
  static int gzipped(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.size();
  }
}
