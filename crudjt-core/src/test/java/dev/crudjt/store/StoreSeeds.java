package dev.crudjt.store;

import dev.crudjt.Durability;
import dev.crudjt.crypto.SecretKeys;
import dev.crudjt.json.JsonCodec;
import dev.crudjt.json.TokenData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds stores for tests quickly with the engine in this JVM and a clock of its own, so that
 * a master started later finds many tokens that expired long ago, and tokens that expire at a
 * chosen moment. The clock stands an hour back while the store opens, so that its one start-up
 * sweep finds nothing to remove.
 */
public final class StoreSeeds {

    private StoreSeeds() {
    }

    /**
     * Writes tokens that expired an hour ago.
     *
     * @param directory the store directory
     * @param secretKey the Base64 key the master will use
     * @param count how many to write
     */
    public static void seedExpired(Path directory, String secretKey, int count) {
        seed(directory, secretKey, count, 0, 0, Duration.ZERO);
    }

    /**
     * Writes expired tokens, then tokens that never expire, then tokens that expire a while
     * after the seeding ends.
     *
     * @param directory the store directory
     * @param secretKey the Base64 key the master will use
     * @param expired how many tokens that expired an hour ago to write
     * @param live how many tokens without expiry to write
     * @param soon how many tokens to write that expire {@code soonAfter} from the end
     * @param soonAfter how long after the seeding ends the soon tokens expire
     * @return the live and soon tokens with their data, and when the soon ones expire
     */
    public static Seeded seed(Path directory, String secretKey, int expired, int live, int soon,
            Duration soonAfter) {
        AtomicLong clock = new AtomicLong(System.currentTimeMillis() - 3_600_000L);
        StoreConfig config = new StoreConfig(directory, SecretKeys.decode(secretKey),
                Duration.ofSeconds(1), Duration.ofDays(365), 0, 256, Durability.INTERVAL);
        Map<String, Map<String, Object>> liveTokens = new LinkedHashMap<>();
        Map<String, Map<String, Object>> soonTokens = new LinkedHashMap<>();
        long soonExpiresAt;
        try (TokenStore store = TokenStore.open(config, clock::get)) {
            JsonCodec codec = store.codec();
            TokenData filler = codec.encode(Map.of("seed", "expired", "pad", "s".repeat(60)));
            for (int i = 0; i < expired; i++) {
                store.create(filler, 1L, null);
            }
            for (int i = 0; i < live; i++) {
                Map<String, Object> data = Map.of("live", i, "pad", "l".repeat(40));
                liveTokens.put(store.create(codec.encode(data), null, null), data);
            }
            soonExpiresAt = System.currentTimeMillis() + soonAfter.toMillis();
            clock.set(soonExpiresAt - 1000);
            for (int i = 0; i < soon; i++) {
                Map<String, Object> data = Map.of("soon", i);
                soonTokens.put(store.create(codec.encode(data), 1L, null), data);
            }
        }
        return new Seeded(liveTokens, soonTokens, soonExpiresAt);
    }

    /**
     * What {@link #seed} wrote.
     *
     * @param live tokens without expiry and their data
     * @param soon tokens that expire at {@code soonExpiresAt} and their data
     * @param soonExpiresAt when the soon tokens expire, in epoch milliseconds
     */
    public record Seeded(Map<String, Map<String, Object>> live,
            Map<String, Map<String, Object>> soon, long soonExpiresAt) {
    }
}
