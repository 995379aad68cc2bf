package dev.crudjt.benchmarks;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A store driven by {@link LoadDriver}: CRUDJT over gRPC or Redis. Implementations are
 * thread-safe and shared by every driver thread.
 */
interface Target {

    /**
     * Stores data under a new random token that lives {@link InProcessBenchmark#TTL} seconds.
     *
     * @param data the data
     * @return the token
     */
    String create(Map<String, Object> data);

    /**
     * Reads the data of a token.
     *
     * @param token the token
     * @return the data, or null if the token is absent
     */
    @Nullable Map<String, Object> read(String token);

    /**
     * Replaces the data of a live token, again with {@link InProcessBenchmark#TTL} seconds.
     *
     * @param token the token
     * @param data the new data
     * @return whether the token was live
     */
    boolean update(String token, Map<String, Object> data);

    /**
     * Removes a token.
     *
     * @param token the token
     * @return whether the token was live
     */
    boolean delete(String token);
}
