package dev.crudjt.benchmarks;

import dev.crudjt.MasterOptions;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/** Master options for the benchmark stores: a fresh random key, a free loopback port. */
final class Masters {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Masters() {
    }

    /**
     * Returns a new random secret key of 48 bytes in Base64; it is never printed.
     *
     * @return the key
     */
    static String randomKey() {
        byte[] key = new byte[48];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * Returns options with every default except the store directory, a random key and a free
     * port on 127.0.0.1.
     *
     * @param directory the store directory
     * @return the builder, to adjust further
     */
    static MasterOptions.Builder options(Path directory) {
        return MasterOptions.builder()
                .secretKey(randomKey())
                .storePath(directory)
                .grpcHost("127.0.0.1")
                .grpcPort(0);
    }
}
