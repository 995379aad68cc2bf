package dev.crudjt.store;

import dev.crudjt.Durability;
import dev.crudjt.crypto.SecretKeys;
import dev.crudjt.json.JsonCodec;
import dev.crudjt.json.TokenData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds stores for tests quickly with the engine in this JVM and a clock of its own, so that
 * a master started later finds many tokens that expired long ago.
 */
public final class StoreSeeds {

    private StoreSeeds() {
    }

    /**
     * Writes tokens that expired an hour ago and tokens whose ttl ends soon.
     *
     * @param directory the store directory
     * @param secretKey the Base64 key the master will use
     * @param expired how many tokens that have already expired to write
     * @param soonSeconds how many seconds from now the soon-expiring tokens live
     * @param soon how many soon-expiring tokens to write
     * @return the soon-expiring tokens, in creation order
     */
    public static List<String> seed(Path directory, String secretKey, int expired,
            long soonSeconds, int soon) {
        AtomicLong clock = new AtomicLong(System.currentTimeMillis() - 3_600_000L);
        StoreConfig config = new StoreConfig(directory, SecretKeys.decode(secretKey),
                Duration.ofSeconds(1), Duration.ofDays(365), 0, 256, Durability.INTERVAL);
        List<String> soonTokens = new ArrayList<>(soon);
        try (TokenStore store = TokenStore.open(config, clock::get)) {
            JsonCodec codec = store.codec();
            TokenData data = codec.encode(Map.of("seed", "expired", "pad", "s".repeat(60)));
            for (int i = 0; i < expired; i++) {
                store.create(data, 1L, null);
            }
            clock.set(System.currentTimeMillis());
            for (int i = 0; i < soon; i++) {
                soonTokens.add(store.create(codec.encode(Map.of("soon", i)), soonSeconds, null));
            }
        }
        return soonTokens;
    }
}
