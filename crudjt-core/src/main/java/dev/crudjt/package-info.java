/**
 * The CRUDJT API: {@link dev.crudjt.CrudJt} with its master and client, their options, read
 * results and exceptions.
 */
@NullMarked
package dev.crudjt;

import org.jspecify.annotations.NullMarked;
