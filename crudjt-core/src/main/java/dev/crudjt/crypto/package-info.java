/**
 * Secret key checks and authenticated encryption of records. Internal: not a supported API.
 */
@NullMarked
package dev.crudjt.crypto;

import org.jspecify.annotations.NullMarked;
