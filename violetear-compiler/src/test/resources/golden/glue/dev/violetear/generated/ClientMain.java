package dev.violetear.generated;

public final class ClientMain {
  private ClientMain() {}

  public static void main(String[] args) {
    example.counter.Counter$$Violetear.register();
    example.live.Live$$Violetear.register();
    dev.violetear.internal.client.ClientRuntime.bundleLoaded();
  }
}
