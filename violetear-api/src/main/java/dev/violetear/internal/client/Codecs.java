// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.teavm.jso.JSObject;

/**
 * The codecs that generated client code composes: one constant per JSON scalar and one factory per
 * container. Null travels as JSON null in every codec.
 */
public final class Codecs {
  private Codecs() {}

  /** Largest integer a JavaScript number holds exactly; longs beyond it travel as strings. */
  private static final double MAX_SAFE = 9007199254740991d;

  /*
   * Factories, not constants: TeaVM includes a method only when the bundle calls it, but a
   * constant's initializer whenever the class is used, so every bundle would carry every codec
   * (the long one with Long parsing). Generated classes keep what they call in static fields.
   */

  public static Codec<Boolean> booleanCodec() {
    return scalar("a boolean", "boolean", Json::bool, Json::asBoolean);
  }

  public static Codec<String> stringCodec() {
    return scalar("a string", "string", Json::string, Json::asString);
  }

  public static Codec<Double> doubleCodec() {
    return scalar("a number", "number", Json::number, Json::asDouble);
  }

  public static Codec<Float> floatCodec() {
    return scalar("a number", "number", v -> Json.number(v), j -> (float) Json.asDouble(j));
  }

  public static Codec<Integer> intCodec() {
    return scalar("a number", "number", v -> Json.number(v), j -> (int) Json.asDouble(j));
  }

  public static Codec<Short> shortCodec() {
    return scalar("a number", "number", v -> Json.number(v), j -> (short) Json.asDouble(j));
  }

  public static Codec<Byte> byteCodec() {
    return scalar("a number", "number", v -> Json.number(v), j -> (byte) Json.asDouble(j));
  }

  public static Codec<Character> charCodec() {
    return scalar(
        "a string", "string", v -> Json.string(String.valueOf(v)), j -> Json.asString(j).charAt(0));
  }

  public static Codec<Long> longCodec() {
    return new Codec<>() {
      @Override
      public JSObject encode(Long v) {
        if (v == null) {
          return Json.nul();
        }
        return Math.abs((double) v) <= MAX_SAFE ? Json.number(v) : Json.string(Long.toString(v));
      }

      @Override
      public Long decode(JSObject j) {
        if (Json.isNull(j)) {
          return null;
        }
        String type = Json.typeOf(j);
        if ("number".equals(type)) {
          return (long) Json.asDouble(j);
        }
        if ("string".equals(type)) {
          return Long.parseLong(Json.asString(j));
        }
        throw Json.mismatch("a number", j);
      }
    };
  }

  /** A codec for a type whose JSON form has the given {@code typeof}. */
  private static <T> Codec<T> scalar(
      String expected, String jsType, Function<T, JSObject> enc, Function<JSObject, T> dec) {
    return new Codec<>() {
      @Override
      public JSObject encode(T v) {
        return v == null ? Json.nul() : enc.apply(v);
      }

      @Override
      public T decode(JSObject j) {
        if (Json.isNull(j)) {
          return null;
        }
        if (!jsType.equals(Json.typeOf(j))) {
          throw Json.mismatch(expected, j);
        }
        return dec.apply(j);
      }
    };
  }

  /** A codec from two functions, typically a generated record codec's static methods. */
  public static <T> Codec<T> of(Function<T, JSObject> encode, Function<JSObject, T> decode) {
    return new Codec<>() {
      @Override
      public JSObject encode(T v) {
        return v == null ? Json.nul() : encode.apply(v);
      }

      @Override
      public T decode(JSObject j) {
        return Json.isNull(j) ? null : decode.apply(j);
      }
    };
  }

  /** Enum constants travel by name. */
  public static <E extends Enum<E>> Codec<E> enumeration(Supplier<E[]> values) {
    return of(
        e -> Json.string(e.name()),
        j -> {
          String name = Json.asString(j);
          for (E e : values.get()) {
            if (e.name().equals(name)) {
              return e;
            }
          }
          throw new IllegalArgumentException("Unknown enum constant '" + name + "'");
        });
  }

  public static <T> Codec<List<T>> list(Codec<T> item) {
    return of(v -> encodeAll(v, item), j -> decodeAll(j, item, new ArrayList<>()));
  }

  public static <T> Codec<Set<T>> set(Codec<T> item) {
    return of(v -> encodeAll(v, item), j -> decodeAll(j, item, new LinkedHashSet<>()));
  }

  public static <T> Codec<T[]> array(Codec<T> item, IntFunction<T[]> create) {
    return of(
        v -> encodeAll(List.of(v), item),
        j -> decodeAll(j, item, new ArrayList<>()).toArray(create.apply(0)));
  }

  public static <T> Codec<Map<String, T>> map(Codec<T> value) {
    return of(
        v -> {
          JSObject o = Json.object();
          for (Map.Entry<String, T> e : v.entrySet()) {
            Json.set(o, e.getKey(), value.encode(e.getValue()));
          }
          return o;
        },
        j -> {
          Map<String, T> m = new LinkedHashMap<>();
          for (String k : Json.keys(j)) {
            m.put(k, value.decode(Json.get(j, k)));
          }
          return m;
        });
  }

  /** Optional.empty() and null both travel as JSON null; both decode to Optional.empty(). */
  public static <T> Codec<Optional<T>> optional(Codec<T> value) {
    return new Codec<>() {
      @Override
      public JSObject encode(Optional<T> v) {
        return v == null || v.isEmpty() ? Json.nul() : value.encode(v.get());
      }

      @Override
      public Optional<T> decode(JSObject j) {
        return Json.isNull(j) ? Optional.empty() : Optional.ofNullable(value.decode(j));
      }
    };
  }

  /** Primitive arrays travel like lists of their boxes. */
  public static Codec<int[]> intArray() {
    return primitiveArray(
        intCodec(),
        a -> {
          List<Integer> l = new ArrayList<>(a.length);
          for (int x : a) {
            l.add(x);
          }
          return l;
        },
        l -> {
          int[] r = new int[l.size()];
          for (int i = 0; i < r.length; i++) {
            r[i] = l.get(i);
          }
          return r;
        });
  }

  public static Codec<long[]> longArray() {
    return primitiveArray(
        longCodec(),
        a -> {
          List<Long> l = new ArrayList<>(a.length);
          for (long x : a) {
            l.add(x);
          }
          return l;
        },
        l -> {
          long[] r = new long[l.size()];
          for (int i = 0; i < r.length; i++) {
            r[i] = l.get(i);
          }
          return r;
        });
  }

  public static Codec<double[]> doubleArray() {
    return primitiveArray(
        doubleCodec(),
        a -> {
          List<Double> l = new ArrayList<>(a.length);
          for (double x : a) {
            l.add(x);
          }
          return l;
        },
        l -> {
          double[] r = new double[l.size()];
          for (int i = 0; i < r.length; i++) {
            r[i] = l.get(i);
          }
          return r;
        });
  }

  public static Codec<boolean[]> booleanArray() {
    return primitiveArray(
        booleanCodec(),
        a -> {
          List<Boolean> l = new ArrayList<>(a.length);
          for (boolean x : a) {
            l.add(x);
          }
          return l;
        },
        l -> {
          boolean[] r = new boolean[l.size()];
          for (int i = 0; i < r.length; i++) {
            r[i] = l.get(i);
          }
          return r;
        });
  }

  private static <A, B> Codec<A> primitiveArray(
      Codec<B> item, Function<A, List<B>> box, Function<List<B>, A> unbox) {
    return of(
        v -> encodeAll(box.apply(v), item),
        j -> unbox.apply(decodeAll(j, item, new ArrayList<>())));
  }

  private static <T> JSObject encodeAll(Collection<T> items, Codec<T> item) {
    JSObject a = Json.array();
    for (T t : items) {
      Json.push(a, item.encode(t));
    }
    return a;
  }

  private static <T, C extends Collection<T>> C decodeAll(JSObject j, Codec<T> item, C into) {
    if (!Json.isArray(j)) {
      throw Json.mismatch("an array", j);
    }
    int n = Json.length(j);
    for (int i = 0; i < n; i++) {
      into.add(item.decode(Json.at(j, i)));
    }
    return into;
  }
}
