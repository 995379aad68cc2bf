package dev.crudjt;

/**
 * Codes that tell apart the operational failures reported by {@link CrudJtException}.
 *
 * @since 0.1.0
 */
public enum CrudJtError {

    /** Another master already holds the store file; connect to it as a client instead. */
    STORE_LOCKED,

    /** The store file could not be opened, read or written (permissions, disk, corruption). */
    STORE_UNAVAILABLE,

    /** The store is closing or closed and takes no more calls. */
    STORE_CLOSED,

    /** The master's gRPC address could not be bound, for example because the port is in use. */
    ADDRESS_IN_USE,

    /** No master answered at the configured address within the timeout. */
    MASTER_UNAVAILABLE,

    /** The master answered with an unexpected failure. */
    INTERNAL
}
