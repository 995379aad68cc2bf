/**
 * The CRUDJT sample application: bearer-token authentication on CRUDJT sessions.
 */
@NullMarked
package dev.crudjt.sample;

import org.jspecify.annotations.NullMarked;
