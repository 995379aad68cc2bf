/**
 * Spring support for CRUDJT: {@link dev.crudjt.spring.CrudJtTemplate} stores typed objects as
 * token data.
 */
@NullMarked
package dev.crudjt.spring;

import org.jspecify.annotations.NullMarked;
