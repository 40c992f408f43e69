package example.live;

@SuppressWarnings("all")
public final class Live$$Violetear {
  private Live$$Violetear() {}

  private static final dev.violetear.internal.client.Codec<Integer> C0 = dev.violetear.internal.client.Codecs.intCodec();
  private static final dev.violetear.internal.client.Codec<java.lang.String> C1 = dev.violetear.internal.client.Codecs.stringCodec();
  private static final dev.violetear.internal.client.Codec<example.live.Live.Level> C2 = dev.violetear.internal.client.Codecs.enumeration(example.live.Live.Level::values);
  private static final dev.violetear.internal.client.Codec<example.live.Live.Note> C3 = dev.violetear.internal.client.Codecs.of(example.live.Live$Note$$Codec::encode, example.live.Live$Note$$Codec::decode);

  public static int counted() {
    dev.violetear.internal.client.ClientRuntime.call("Live.counted", new org.teavm.jso.JSObject[] {});
    dev.violetear.internal.client.ClientRuntime.warnNoResult("Live.counted");
    return (int) 0;
  }

  public static void cursor(int a0, int a1) {
    dev.violetear.internal.client.ClientRuntime.call("Live.cursor", new org.teavm.jso.JSObject[] {C0.encode(a0), C0.encode(a1)});
  }

  public static void register() {
    dev.violetear.internal.client.ClientRuntime.callback("Live.send", e -> example.live.Live.send());
    dev.violetear.internal.client.ClientRuntime.realtime("Live.toast", args -> example.live.Live.toast(C1.decode(dev.violetear.internal.client.Json.at(args, 0)), C2.decode(dev.violetear.internal.client.Json.at(args, 1))));
    dev.violetear.internal.client.ClientRuntime.eventCodec("note", C3);
    dev.violetear.internal.client.ClientRuntime.whenActive("Live", () -> {
      dev.violetear.internal.client.ClientRuntime.on("note", "note", data -> example.live.Live.note(C3.decode(data)));
      dev.violetear.internal.client.ClientRuntime.on("ready", "ready", data -> example.live.Live.ready());
    });
  }
}
