package example.counter;

@SuppressWarnings("all")
public final class Counter$Total$$Codec {
  private Counter$Total$$Codec() {}

  private static final dev.violetear.internal.client.Codec<Integer> C0 = dev.violetear.internal.client.Codecs.intCodec();
  private static final dev.violetear.internal.client.Codec<java.lang.String> C1 = dev.violetear.internal.client.Codecs.stringCodec();
  private static final dev.violetear.internal.client.Codec<java.util.List<java.lang.String>> C2 = dev.violetear.internal.client.Codecs.list(dev.violetear.internal.client.Codecs.stringCodec());

  public static org.teavm.jso.JSObject encode(example.counter.Counter.Total v) {
    org.teavm.jso.JSObject o = dev.violetear.internal.client.Json.object();
    dev.violetear.internal.client.Json.set(o, "value", C0.encode(v.value()));
    dev.violetear.internal.client.Json.set(o, "label", C1.encode(v.label()));
    dev.violetear.internal.client.Json.set(o, "history", C2.encode(v.history()));
    return o;
  }

  public static example.counter.Counter.Total decode(org.teavm.jso.JSObject j) {
    dev.violetear.internal.client.Json.expectObject(j, "Total");
    return new example.counter.Counter.Total(
        C0.decode(dev.violetear.internal.client.Json.get(j, "value")),
        C1.decode(dev.violetear.internal.client.Json.get(j, "label")),
        C2.decode(dev.violetear.internal.client.Json.get(j, "history")));
  }
}
