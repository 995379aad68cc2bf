package dev.crudjt;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/** Random secret keys and master options for tests. */
public final class TestKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {
    }

    /**
     * Returns a new random Base64 key of the given decoded length.
     *
     * @param bytes the decoded length
     * @return the Base64 key
     */
    public static String randomKey(int bytes) {
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * Returns options for a master on a free port in the given directory.
     *
     * @param directory the store directory
     * @param key the Base64 key
     * @return a builder with the directory, key and a free port set
     */
    public static MasterOptions.Builder options(Path directory, String key) {
        return MasterOptions.builder()
                .secretKey(key)
                .storePath(directory)
                .grpcPort(0)
                .commitInterval(Duration.ofMillis(100));
    }
}
