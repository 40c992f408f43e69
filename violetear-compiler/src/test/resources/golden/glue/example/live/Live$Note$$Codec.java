package example.live;

@SuppressWarnings("all")
public final class Live$Note$$Codec {
  private Live$Note$$Codec() {}

  private static final dev.violetear.internal.client.Codec<java.lang.String> C0 = dev.violetear.internal.client.Codecs.stringCodec();
  private static final dev.violetear.internal.client.Codec<Integer> C1 = dev.violetear.internal.client.Codecs.intCodec();

  public static org.teavm.jso.JSObject encode(example.live.Live.Note v) {
    org.teavm.jso.JSObject o = dev.violetear.internal.client.Json.object();
    dev.violetear.internal.client.Json.set(o, "text", C0.encode(v.text()));
    dev.violetear.internal.client.Json.set(o, "n", C1.encode(v.n()));
    return o;
  }

  public static example.live.Live.Note decode(org.teavm.jso.JSObject j) {
    dev.violetear.internal.client.Json.expectObject(j, "Note");
    return new example.live.Live.Note(
        C0.decode(dev.violetear.internal.client.Json.get(j, "text")),
        C1.decode(dev.violetear.internal.client.Json.get(j, "n")));
  }
}
