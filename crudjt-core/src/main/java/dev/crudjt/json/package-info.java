/**
 * Checks of token data and its JSON form, with Jackson. Internal: not a supported API.
 */
@NullMarked
package dev.crudjt.json;

import org.jspecify.annotations.NullMarked;
