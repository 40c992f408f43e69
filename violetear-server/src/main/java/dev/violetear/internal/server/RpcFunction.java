// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.violetear.RpcException;
import dev.violetear.VioletearException;
import dev.violetear.internal.model.RpcMethod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One {@code @Server.Rpc} method, prepared at startup: a strict reader per parameter and a writer
 * for the declared generic return type, so that a request only converts and invokes.
 */
final class RpcFunction {
  private final String name;
  private final Method method;
  private final String[] parameterNames;
  private final String[] parameterTypes;
  private final ObjectReader[] readers;
  private final ObjectWriter resultWriter;
  private final ObjectMapper mapper;

  private RpcFunction(RpcMethod rpc, ObjectMapper mapper) {
    this.name = rpc.name();
    this.method = rpc.method();
    this.mapper = mapper;
    Parameter[] params = method.getParameters();
    this.parameterNames = new String[params.length];
    this.parameterTypes = new String[params.length];
    this.readers = new ObjectReader[params.length];
    for (int i = 0; i < params.length; i++) {
      parameterNames[i] = params[i].getName();
      parameterTypes[i] = TypeNames.of(params[i].getParameterizedType());
      readers[i] = mapper.readerFor(mapper.constructType(params[i].getParameterizedType()));
    }
    this.resultWriter = mapper.writerFor(mapper.constructType(method.getGenericReturnType()));
  }

  /**
   * Prepares {@code rpc} for calls.
   *
   * @throws VioletearException when the method cannot be made callable, e.g. a module does not open
   *     its package
   */
  static RpcFunction of(RpcMethod rpc, ObjectMapper mapper) {
    try {
      // Users often declare RPC methods package-private; reflection needs access to call them.
      rpc.method().setAccessible(true);
    } catch (InaccessibleObjectException | SecurityException e) {
      throw new VioletearException(
          rpc.name()
              + " cannot be called by the server: "
              + e.getMessage()
              + ". Open its package to the violetear-server module (opens ... to"
              + " dev.violetear.server) or make the method and its class public.",
          e);
    }
    return new RpcFunction(rpc, mapper);
  }

  String name() {
    return name;
  }

  /**
   * Converts the JSON arguments to the declared parameter types.
   *
   * @throws RpcException of type {@code BadArguments} (400) naming the parameter at fault
   */
  Object[] readArguments(JsonNode args) {
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
  Object invoke(Object[] args) throws InvocationTargetException, IllegalAccessException {
    return method.invoke(null, args);
  }

  /** Serializes {@code {"result": value}} with the method's declared generic return type. */
  byte[] resultJson(Object value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator gen = mapper.getFactory().createGenerator(out)) {
      gen.writeStartObject();
      gen.writeFieldName("result");
      if (method.getReturnType() == void.class || value == null) {
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
