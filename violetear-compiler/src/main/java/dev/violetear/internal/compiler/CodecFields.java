// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.compiler;

import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The static codec fields of one generated class, one per distinct type: the glue names a codec by
 * its field, so that each is built once, when the class loads.
 */
final class CodecFields {
  private final SourceGenerator generator;
  private final Map<String, String> byExpression = new LinkedHashMap<>();
  private final StringBuilder declarations = new StringBuilder();

  CodecFields(SourceGenerator generator) {
    this.generator = generator;
  }

  /** The name of the field holding the codec of {@code t}, declared on first use. */
  String codec(Type t) {
    String expression = generator.codecExpression(t);
    return byExpression.computeIfAbsent(
        expression,
        e -> {
          String name = "C" + byExpression.size();
          declarations
              .append("  private static final ")
              .append(SourceGenerator.RT)
              .append("Codec<")
              .append(SourceGenerator.boxedSource(t))
              .append("> ")
              .append(name)
              .append(" = ")
              .append(e)
              .append(";\n");
          return name;
        });
  }

  /** The declarations of the fields used so far, one line each. */
  CharSequence declarations() {
    return declarations;
  }
}
