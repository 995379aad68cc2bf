/**
 * One-time links: tokens that can be read exactly once.
 */
@NullMarked
package dev.crudjt.sample.links;

import org.jspecify.annotations.NullMarked;
