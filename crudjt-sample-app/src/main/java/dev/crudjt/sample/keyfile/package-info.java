/**
 * Creates and reuses a secret key file when no key is configured.
 */
@NullMarked
package dev.crudjt.sample.keyfile;

import org.jspecify.annotations.NullMarked;
