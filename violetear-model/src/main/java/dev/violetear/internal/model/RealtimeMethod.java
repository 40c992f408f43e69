// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.model;

import java.lang.reflect.Method;

/** A {@code @Server.Realtime} method and its wire name ({@code Class.method}). */
public record RealtimeMethod(String name, Method method) {}
