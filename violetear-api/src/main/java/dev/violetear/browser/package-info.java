// SPDX-License-Identifier: Apache-2.0
/**
 * The browser API for client code: find and change elements ({@link dev.violetear.browser.Dom},
 * {@link dev.violetear.browser.DomElement}) and read the {@link dev.violetear.browser.Event} a
 * callback receives. These types work only in the browser bundle; on the JVM every call throws
 * {@link IllegalStateException}.
 */
package dev.violetear.browser;
