package dev.crudjt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Result of reading a live token: its data and what remains of its limits.
 *
 * <p>The data map, and every map and list inside it, is unmodifiable; numbers keep their JSON
 * types (integral values are {@link Integer} or {@link Long}, fractions are {@link Double}).
 *
 * @param data the token data, never null
 * @param ttl seconds left to live, rounded up, or null when the token does not expire
 * @param silenceRead reads left after this one, or null when reads are unlimited
 * @since 0.1.0
 */
public record TokenRead(Map<String, Object> data, @Nullable Long ttl, @Nullable Long silenceRead) {

    /**
     * Checks that the data is present.
     *
     * @param data the token data, never null
     * @param ttl seconds left to live, or null
     * @param silenceRead reads left after this one, or null
     */
    public TokenRead {
        Objects.requireNonNull(data, "'data' must not be null");
    }

    /**
     * Returns the read in the shape every CRUDJT SDK uses:
     * {@code {metadata={ttl=.., silence_read=..}, data={..}}}.
     *
     * <p>{@code metadata} is present only when a limit is set, and holds only the limits that
     * are set.
     *
     * @return an unmodifiable map with {@code data} and, when a limit is set, {@code metadata}
     */
    public Map<String, Object> toMap() {
        Map<String, Object> result = new LinkedHashMap<>(4);
        if (this.ttl != null || this.silenceRead != null) {
            Map<String, Object> metadata = new LinkedHashMap<>(4);
            if (this.ttl != null) {
                metadata.put("ttl", this.ttl);
            }
            if (this.silenceRead != null) {
                metadata.put("silence_read", this.silenceRead);
            }
            result.put("metadata", Collections.unmodifiableMap(metadata));
        }
        result.put("data", this.data);
        return Collections.unmodifiableMap(result);
    }
}
