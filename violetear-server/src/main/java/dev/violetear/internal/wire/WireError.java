// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.wire;

/**
 * An error reported to the client whose frame caused it, as {@code {"t":"error",...}}.
 *
 * @param type a short name a client can branch on, as in RPC errors ({@code BadFrame}, {@code
 *     UnknownFunction}, {@code BadArguments}, {@code BadData}, {@code ReservedEvent}, {@code
 *     ServerError}, or the type of an {@code RpcException} a handler threw)
 * @param message what went wrong and how to fix it
 */
public record WireError(String type, String message) {}
