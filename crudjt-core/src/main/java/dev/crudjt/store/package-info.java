/**
 * The MVStore token engine, its file location, commits and expiry sweep. Internal: not a
 * supported API.
 */
@NullMarked
package dev.crudjt.store;

import org.jspecify.annotations.NullMarked;
