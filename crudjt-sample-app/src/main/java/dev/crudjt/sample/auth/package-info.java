/**
 * Login, bearer-token authentication and the demo users.
 */
@NullMarked
package dev.crudjt.sample.auth;

import org.jspecify.annotations.NullMarked;
