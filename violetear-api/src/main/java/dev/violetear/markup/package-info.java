// SPDX-License-Identifier: Apache-2.0
/**
 * Server-side markup: build pages in Java with {@link dev.violetear.markup.Html} and {@link
 * dev.violetear.markup.Document}, bind DOM events to {@link dev.violetear.Client.Callback} methods,
 * and render safe HTML.
 *
 * <pre>{@code
 * Document.titled("Counter").body(
 *     Html.div().id("display").text("Count: 0"),
 *     Html.button("+").on("click", Counter::plus));
 * }</pre>
 *
 * <p>Text and attribute values are always escaped; tag names, attribute names, inline event
 * handlers and script URLs are checked when the markup is built, so user input cannot become markup
 * or script.
 */
package dev.violetear.markup;
