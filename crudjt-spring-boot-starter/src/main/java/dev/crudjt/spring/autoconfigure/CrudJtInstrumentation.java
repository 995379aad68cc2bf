package dev.crudjt.spring.autoconfigure;

import dev.crudjt.CrudJt;

/**
 * Wraps the store that the auto-configured {@link dev.crudjt.spring.CrudJtTemplate} calls, for
 * example to time each operation. Lets optional integrations plug in without the main
 * configuration referring to their classes.
 */
@FunctionalInterface
interface CrudJtInstrumentation {

    /**
     * Returns a store that calls the given one.
     *
     * @param crudJt the store to wrap
     * @return the wrapping store, or the same store when there is nothing to add
     */
    CrudJt instrument(CrudJt crudJt);
}
