// SPDX-License-Identifier: Apache-2.0
/**
 * The interaction API of Violetear for Java: where code runs ({@link dev.violetear.Server}, {@link
 * dev.violetear.Client}), who calls ({@link dev.violetear.ClientId}), how the server reaches a
 * browser ({@link dev.violetear.ClientCall}) and how failures travel ({@link
 * dev.violetear.RpcException}, {@link dev.violetear.VioletearException}). Client code uses the
 * browser API in {@link dev.violetear.browser}; pages are written with {@code
 * dev.violetear.markup}, and the server's entry point is {@code App} in {@code violetear-server}.
 */
package dev.violetear;
