// SPDX-License-Identifier: Apache-2.0
/**
 * The interaction API of Violetear for Java: where code runs ({@link dev.violetear.Server}, {@link
 * dev.violetear.Client}) and how it is triggered, plus the browser API ({@link dev.violetear.Dom},
 * {@link dev.violetear.Element}, {@link dev.violetear.Event}) that client code uses.
 */
package dev.violetear;
