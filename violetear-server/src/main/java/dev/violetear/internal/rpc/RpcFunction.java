// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.rpc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.violetear.RpcException;
import dev.violetear.Server;
import dev.violetear.VioletearException;
import dev.violetear.internal.model.RpcMethod;
import dev.violetear.internal.wire.ConversionProblem;
import dev.violetear.internal.wire.ErrorReports;
import dev.violetear.internal.wire.TypeNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One server method that browsers call by name ({@code @Server.Rpc} over HTTP,
 * {@code @Server.Realtime} over the socket), prepared at startup: a strict reader per parameter and
 * a writer for the declared generic return type, so that a call only converts and invokes.
 */
public final class RpcFunction {
  // Most answers fit without the buffer growing.
  private static final int RESULT_SIZE = 128;

  private final String name;
  private final Method method;
  private final String[] parameterNames;
  private final String[] parameterTypes;
  private final ObjectReader[] readers;
  private final ObjectWriter resultWriter;
  private final JsonFactory factory;
  private final boolean returnsVoid;
  private final boolean isSignedIn;
  private final boolean isNonBlocking;
  // Null when a parameter type must be read through a JSON tree.
  private final DirectArguments direct;

  private RpcFunction(String name, Method method, ObjectMapper mapper) {
    this.name = name;
    this.method = method;
    this.factory = mapper.getFactory();
    this.returnsVoid = method.getReturnType() == void.class;
    this.isSignedIn = method.isAnnotationPresent(Server.SignedIn.class);
    this.isNonBlocking = method.isAnnotationPresent(Server.NonBlocking.class);
    Parameter[] params = method.getParameters();
    this.parameterNames = new String[params.length];
    this.parameterTypes = new String[params.length];
    this.readers = new ObjectReader[params.length];
    JavaType[] types = new JavaType[params.length];
    for (int i = 0; i < params.length; i++) {
      parameterNames[i] = params[i].getName();
      parameterTypes[i] = TypeNames.of(params[i].getParameterizedType());
      types[i] = mapper.constructType(params[i].getParameterizedType());
      readers[i] = mapper.readerFor(types[i]);
    }
    this.direct = DirectArguments.of(mapper, types);
    this.resultWriter = mapper.writerFor(mapper.constructType(method.getGenericReturnType()));
  }

  /**
   * Prepares {@code rpc} for calls.
   *
   * @throws VioletearException when the method cannot be made callable, e.g. a module does not open
   *     its package
   */
  public static RpcFunction of(RpcMethod rpc, ObjectMapper mapper) {
    return of(rpc.name(), rpc.method(), mapper);
  }

  /**
   * Prepares {@code method}, called by {@code name} on the wire.
   *
   * @throws VioletearException when the method cannot be made callable
   */
  public static RpcFunction of(String name, Method method, ObjectMapper mapper) {
    Reflection.makeCallable(name, method);
    return new RpcFunction(name, method, mapper);
  }

  /**
   * The message for a call to a function that does not exist, naming the annotation to add.
   *
   * @param annotation {@code @Server.Rpc} or {@code @Server.Realtime}
   */
  public static String unknownMessage(String name, String annotation) {
    String shown = ErrorReports.shorten(name);
    int dot = shown.indexOf('.');
    String owner = dot > 0 ? shown.substring(0, dot) + ".class" : "...";
    return "There is no function '"
        + shown
        + "' on the server: annotate a static method with "
        + annotation
        + " and register its class with app.register("
        + owner
        + ")";
  }

  /** The name callers use, {@code Class.method}. */
  public String name() {
    return name;
  }

  /** The reader of whole call bodies without a JSON tree, or null when the parameters need one. */
  DirectArguments direct() {
    return direct;
  }

  /**
   * Reads the arguments from the array {@code p} is at, straight into the parameter types, without
   * a JSON tree; for a caller that falls back to {@link #readArguments} with the tree whenever this
   * answers null, so that the tree path words every error.
   *
   * @return the values, or null when the parameters need the tree or the array does not fit them
   * @throws IOException or a RuntimeException when a value is malformed or does not convert
   */
  public Object[] readArgumentsDirectly(JsonParser p) throws IOException {
    return direct == null ? null : direct.readArray(p);
  }

  /** Whether it runs on the thread that read its call ({@code @Server.NonBlocking}). */
  public boolean isNonBlocking() {
    return isNonBlocking;
  }

  /** Whether only callers with a principal may call it ({@code @Server.SignedIn}). */
  public boolean isSignedIn() {
    return isSignedIn;
  }

  /**
   * The message that refuses an anonymous caller of a {@code @Server.SignedIn} method.
   *
   * @param isSocket whether the call came over the socket, whose principal is its handshake's
   */
  public String signedInMessage(boolean isSocket) {
    return "Sign in first: "
        + name
        + " is only for signed-in users"
        + (isSocket
            ? ", and this connection was opened signed out (reconnect after signing in)."
            : ".");
  }

  /**
   * Converts the JSON arguments to the declared parameter types.
   *
   * @throws RpcException of type {@code BadArguments} (400) naming the parameter at fault
   */
  public Object[] readArguments(JsonNode args) {
    if (args.size() != readers.length) {
      throw new RpcException("BadArguments", arityMessage(args.size()), 400);
    }
    Object[] values = new Object[readers.length];
    for (int i = 0; i < readers.length; i++) {
      JsonNode arg = args.get(i);
      try {
        values[i] = readers[i].readValue(arg);
      } catch (IOException | RuntimeException e) {
        throw new RpcException(
            "BadArguments",
            name
                + " parameter '"
                + parameterNames[i]
                + "' expects "
                + parameterTypes[i]
                + ": "
                + ConversionProblem.describe(e, arg),
            400);
      }
    }
    return values;
  }

  /**
   * Calls the method with converted arguments.
   *
   * @throws InvocationTargetException wrapping whatever the method threw
   */
  public Object invoke(Object[] args) throws InvocationTargetException, IllegalAccessException {
    return method.invoke(null, args);
  }

  /** Serializes {@code {"result": value}} with the method's declared generic return type. */
  byte[] resultJson(Object value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(RESULT_SIZE);
    try (JsonGenerator gen = factory.createGenerator(out)) {
      gen.writeStartObject();
      gen.writeFieldName("result");
      if (returnsVoid || value == null) {
        gen.writeNull();
      } else {
        resultWriter.writeValue(gen, value);
      }
      gen.writeEndObject();
    }
    return out.toByteArray();
  }

  private String arityMessage(int got) {
    if (readers.length == 0) {
      return name + " takes no arguments but got " + got;
    }
    String signature =
        IntStream.range(0, readers.length)
            .mapToObj(i -> parameterTypes[i] + " " + parameterNames[i])
            .collect(Collectors.joining(", "));
    return name
        + " takes "
        + readers.length
        + (readers.length == 1 ? " argument" : " arguments")
        + " ("
        + signature
        + ") but got "
        + got;
  }
}
