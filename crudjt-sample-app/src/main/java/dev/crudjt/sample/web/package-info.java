/**
 * JSON error responses shared by every endpoint.
 */
@NullMarked
package dev.crudjt.sample.web;

import org.jspecify.annotations.NullMarked;
