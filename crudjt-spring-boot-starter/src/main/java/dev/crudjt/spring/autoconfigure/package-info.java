/**
 * Auto-configuration that starts a CRUDJT master or connects a client from {@code crudjt.*}
 * properties and exposes a {@link dev.crudjt.spring.CrudJtTemplate}.
 */
@NullMarked
package dev.crudjt.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
