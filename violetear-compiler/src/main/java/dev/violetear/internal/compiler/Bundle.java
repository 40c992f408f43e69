// SPDX-License-Identifier: Apache-2.0
package dev.violetear.internal.compiler;

import java.time.Duration;

/**
 * The compiled browser bundle of an app.
 *
 * @param js the JavaScript source
 * @param hash a content hash, used in the bundle's URL so browsers may cache it forever
 * @param fromCache whether the bundle came from the disk cache instead of a TeaVM compile
 * @param took how long producing it took
 */
public record Bundle(String js, String hash, boolean fromCache, Duration took) {}
