// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import java.lang.reflect.Method;

/** A {@code @Server.Rpc} method and the name it is called by on the wire ({@code Class.method}). */
public record RpcMethod(String name, Method method) {}
