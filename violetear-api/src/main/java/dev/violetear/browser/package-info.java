// SPDX-License-Identifier: Apache-2.0
/**
 * The browser API for client code: find and change elements and read inputs ({@link
 * dev.violetear.browser.Dom}, {@link dev.violetear.browser.DomElement}), read the {@link
 * dev.violetear.browser.Event} a callback receives, keep values in the browser ({@link
 * dev.violetear.browser.Storage}) and run code later or repeatedly ({@link
 * dev.violetear.browser.Timers}). These types work only in the browser bundle; on the JVM every
 * call throws {@link IllegalStateException}.
 */
package dev.violetear.browser;
