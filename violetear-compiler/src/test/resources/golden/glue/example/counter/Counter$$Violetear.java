package example.counter;

@SuppressWarnings("all")
public final class Counter$$Violetear {
  private Counter$$Violetear() {}

  private static final dev.violetear.internal.client.Codec<Integer> C0 = dev.violetear.internal.client.Codecs.intCodec();
  private static final dev.violetear.internal.client.Codec<example.counter.Counter.Total> C1 = dev.violetear.internal.client.Codecs.of(example.counter.Counter$Total$$Codec::encode, example.counter.Counter$Total$$Codec::decode);
  private static final dev.violetear.internal.client.Codec<long[]> C2 = dev.violetear.internal.client.Codecs.longArray();
  private static final dev.violetear.internal.client.Codec<example.counter.Counter.Mood[]> C3 = dev.violetear.internal.client.Codecs.array(dev.violetear.internal.client.Codecs.enumeration(example.counter.Counter.Mood::values), example.counter.Counter.Mood[]::new);
  private static final dev.violetear.internal.client.Codec<java.util.Map<java.lang.String, java.util.Optional<example.counter.Counter.Mood>>> C4 = dev.violetear.internal.client.Codecs.map(dev.violetear.internal.client.Codecs.optional(dev.violetear.internal.client.Codecs.enumeration(example.counter.Counter.Mood::values)));

  public static example.counter.Counter.Total add(int a0) {
    return C1.decode(dev.violetear.internal.client.Rpc.call("Counter.add", new org.teavm.jso.JSObject[] {C0.encode(a0)}));
  }

  public static java.util.Map<java.lang.String, java.util.Optional<example.counter.Counter.Mood>> moods(long[] a0, example.counter.Counter.Mood[] a1) {
    return C4.decode(dev.violetear.internal.client.Rpc.call("Counter.moods", new org.teavm.jso.JSObject[] {C2.encode(a0), C3.encode(a1)}));
  }

  public static void register() {
    dev.violetear.internal.client.ClientRuntime.callback("Counter.plus", e -> example.counter.Counter.plus(e));
    dev.violetear.internal.client.ClientRuntime.callback("Counter.reset", e -> example.counter.Counter.reset());
  }
}
