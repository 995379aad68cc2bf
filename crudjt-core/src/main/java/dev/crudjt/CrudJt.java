package dev.crudjt;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A CRUDJT token store: creates, reads, updates and deletes short random tokens that carry a
 * small JSON object, with an optional time to live and an optional number of reads.
 *
 * <p>One process per store is the master ({@link #startMaster(MasterOptions)}); every other
 * process connects to it ({@link #connectToMaster(ClientOptions)}) and sees the same tokens with
 * the same semantics. Implementations are thread-safe.
 *
 * <p>Data is a map with string keys whose values are null, booleans, numbers, strings, lists and
 * maps of the same, nested at most 32 deep, whose compact UTF-8 JSON form is at most
 * {@link MasterOptions#maxDataSize()} bytes. {@code ttl} is in seconds and {@code silenceRead}
 * counts reads; both are at least 1 when given, and null disables the limit.
 *
 * @since 0.1.0
 */
public interface CrudJt extends AutoCloseable {

    /**
     * Opens the store described by the options, serves it over gRPC and returns the master.
     *
     * @param options the master's settings
     * @return the running master; close it to release the store
     * @throws CrudJtException {@link CrudJtError#STORE_LOCKED} when another master holds the
     *     store, {@link CrudJtError#ADDRESS_IN_USE} when the gRPC address cannot be bound, or
     *     {@link CrudJtError#STORE_UNAVAILABLE} when the store file cannot be opened
     */
    static CrudJtMaster startMaster(MasterOptions options) {
        return CrudJtMaster.start(options);
    }

    /**
     * Connects to the master serving at the address in the options and waits until it answers.
     *
     * @param options the client's settings
     * @return the connected client; close it to release its connection
     * @throws CrudJtException {@link CrudJtError#MASTER_UNAVAILABLE} when no master answers
     *     within {@link ClientOptions#connectTimeout()}
     */
    static CrudJtClient connectToMaster(ClientOptions options) {
        return CrudJtClient.connect(options);
    }

    /**
     * Stores data under a new token that never expires and can be read any number of times.
     *
     * @param data the token data
     * @return a new 22-character URL-safe token
     * @throws IllegalArgumentException when the data is not a JSON object within the size limit
     * @throws IllegalStateException when this store was closed
     */
    default String create(Map<String, ?> data) {
        return create(data, null, null);
    }

    /**
     * Stores data under a new token with optional limits.
     *
     * @param data the token data
     * @param ttl seconds to live, at least 1, or null for no expiry
     * @param silenceRead number of reads allowed, at least 1, or null for unlimited reads
     * @return a new 22-character URL-safe token
     * @throws IllegalArgumentException when the data or a limit is not allowed
     * @throws IllegalStateException when this store was closed
     */
    String create(Map<String, ?> data, @Nullable Long ttl, @Nullable Long silenceRead);

    /**
     * Reads a token, consuming one of its reads when it has a read limit; the read that uses
     * the last one still returns the data, and the token is gone afterwards. A read never
     * extends the time to live.
     *
     * @param token the token
     * @return the data and remaining limits, or null if the token is absent, expired or used up
     * @throws IllegalArgumentException when the token is null or blank
     * @throws IllegalStateException when this store was closed
     */
    @Nullable TokenRead read(String token);

    /**
     * Replaces the data of a live token and removes both of its limits.
     *
     * @param token the token
     * @param data the new data
     * @return true if the token was live and now holds the data, false if it was absent
     * @throws IllegalArgumentException when the token is blank or the data is not allowed
     * @throws IllegalStateException when this store was closed
     */
    default boolean update(String token, Map<String, ?> data) {
        return update(token, data, null, null);
    }

    /**
     * Replaces the data and both limits of a live token; a null limit removes that limit.
     *
     * @param token the token
     * @param data the new data
     * @param ttl new seconds to live, at least 1, or null for no expiry
     * @param silenceRead new number of reads allowed, at least 1, or null for unlimited reads
     * @return true if the token was live and now holds the data, false if it was absent
     * @throws IllegalArgumentException when the token, the data or a limit is not allowed
     * @throws IllegalStateException when this store was closed
     */
    boolean update(String token, Map<String, ?> data, @Nullable Long ttl,
            @Nullable Long silenceRead);

    /**
     * Removes a token.
     *
     * @param token the token
     * @return true if a live token was removed, false if it was absent
     * @throws IllegalArgumentException when the token is null or blank
     * @throws IllegalStateException when this store was closed
     */
    boolean delete(String token);

    /**
     * Releases this store: a master stops serving, commits, syncs and closes its file; a client
     * closes its channel. Calling it again has no effect.
     */
    @Override
    void close();
}
