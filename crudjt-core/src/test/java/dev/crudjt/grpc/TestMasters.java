package dev.crudjt.grpc;

import dev.crudjt.ClientOptions;
import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtMaster;
import dev.crudjt.MasterOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * Starts masters and clients for tests: loopback only, a free port, a store in the given
 * directory and a fast commit interval.
 */
public final class TestMasters {

    /** A fixed test key, so that restarted masters in other processes read the same store. */
    public static final String SECRET_KEY = Base64.getEncoder().encodeToString(fixedKey());

    private TestMasters() {
    }

    /**
     * Returns master options for a store directory and port.
     *
     * @param directory the store directory
     * @param port the port, 0 for a free one
     * @return the options builder, ready to build
     */
    public static MasterOptions.Builder options(Path directory, int port) {
        return MasterOptions.builder()
                .secretKey(SECRET_KEY)
                .storePath(directory)
                .commitInterval(Duration.ofMillis(100))
                .grpcHost("127.0.0.1")
                .grpcPort(port);
    }

    /**
     * Starts a master on a free loopback port.
     *
     * @param directory the store directory
     * @return the running master
     */
    public static CrudJtMaster startMaster(Path directory) {
        return CrudJt.startMaster(options(directory, 0).build());
    }

    /**
     * Returns client options for a loopback port with short timeouts.
     *
     * @param port the master's port
     * @return the options builder, ready to build
     */
    public static ClientOptions.Builder clientOptions(int port) {
        return ClientOptions.builder()
                .grpcHost("127.0.0.1")
                .grpcPort(port)
                .timeout(Duration.ofSeconds(2))
                .connectTimeout(Duration.ofSeconds(5));
    }

    private static byte[] fixedKey() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 3);
        }
        return key;
    }
}
