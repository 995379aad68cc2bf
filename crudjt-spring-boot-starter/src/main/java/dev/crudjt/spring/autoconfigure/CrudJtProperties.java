package dev.crudjt.spring.autoconfigure;

import dev.crudjt.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DataSizeUnit;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;

/**
 * Configuration properties of CRUDJT, bound from {@code crudjt.*}.
 *
 * <p>The auto-configuration also reads the environment variable {@code CRUDJT_SECRET_KEY} when
 * {@code crudjt.secret-key} is not set; this class holds only the bound {@code crudjt.*}
 * values. Blank secret keys count as unset.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("crudjt")
public class CrudJtProperties {

    /**
     * Whether to auto-configure CRUDJT.
     */
    private boolean enabled = true;

    /**
     * Role of this process: 'master' owns the store file, 'client' connects to the master;
     * when unset, master if a secret key is configured, otherwise client.
     */
    private @Nullable Mode mode;

    /**
     * Secret key of the master as standard Base64 of 32, 48 or 64 random bytes, for example
     * from 'openssl rand -base64 48'; the CRUDJT_SECRET_KEY environment variable is used when
     * it is not set.
     */
    private @Nullable String secretKey;

    /**
     * File holding the Base64 secret key of the master, such as a mounted container secret;
     * surrounding whitespace is ignored.
     */
    private @Nullable Path secretKeyFile;

    private final Store store = new Store();

    private final Grpc grpc = new Grpc();

    private final Client client = new Client();

    /**
     * Returns the value of {@code crudjt.enabled}.
     *
     * @return the value
     */
    public boolean isEnabled() {
        return this.enabled;
    }

    /**
     * Sets the value of {@code crudjt.enabled}.
     *
     * @param enabled the value
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Returns the value of {@code crudjt.mode}.
     *
     * @return the value, or null when unset
     */
    public @Nullable Mode getMode() {
        return this.mode;
    }

    /**
     * Sets the value of {@code crudjt.mode}.
     *
     * @param mode the value, or null to unset
     */
    public void setMode(@Nullable Mode mode) {
        this.mode = mode;
    }

    /**
     * Returns the value of {@code crudjt.secret-key}.
     *
     * @return the value, or null when unset
     */
    public @Nullable String getSecretKey() {
        return this.secretKey;
    }

    /**
     * Sets the value of {@code crudjt.secret-key}.
     *
     * @param secretKey the value, or null to unset
     */
    public void setSecretKey(@Nullable String secretKey) {
        this.secretKey = secretKey;
    }

    /**
     * Returns the value of {@code crudjt.secret-key-file}.
     *
     * @return the value, or null when unset
     */
    public @Nullable Path getSecretKeyFile() {
        return this.secretKeyFile;
    }

    /**
     * Sets the value of {@code crudjt.secret-key-file}.
     *
     * @param secretKeyFile the value, or null to unset
     */
    public void setSecretKeyFile(@Nullable Path secretKeyFile) {
        this.secretKeyFile = secretKeyFile;
    }

    /**
     * Returns the settings under {@code crudjt.store}.
     *
     * @return the store settings
     */
    public Store getStore() {
        return this.store;
    }

    /**
     * Returns the settings under {@code crudjt.grpc}.
     *
     * @return the grpc settings
     */
    public Grpc getGrpc() {
        return this.grpc;
    }

    /**
     * Returns the settings under {@code crudjt.client}.
     *
     * @return the client settings
     */
    public Client getClient() {
        return this.client;
    }

    /**
     * Role of a process towards the store.
     *
     * @since 0.1.0
     */
    public enum Mode {

        /** Owns the store file and serves it to the clients over gRPC. */
        MASTER,

        /** Connects to the master over gRPC. */
        CLIENT
    }

    /**
     * Settings of the store file, used by the master only.
     *
     * @since 0.1.0
     */
    public static class Store {

        /**
         * Directory of the store file; when unset, the system location if it is writable
         * (/var/lib/store_jt on Linux), otherwise store_jt in the working directory.
         */
        private @Nullable Path path;

        /**
         * Interval between commits and fsyncs of the store file; a crash loses at most the
         * writes of one interval.
         */
        @DurationUnit(ChronoUnit.MILLIS)
        private Duration commitInterval = Duration.ofMillis(500);

        /**
         * Interval between sweeps that remove expired tokens from the store file.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration sweepInterval = Duration.ofHours(24);

        /**
         * Number of decoded tokens kept in the in-memory cache; 0 disables the cache.
         */
        private long cacheSize = 50000;

        /**
         * Largest token data allowed, measured as compact UTF-8 JSON.
         */
        @DataSizeUnit(DataUnit.BYTES)
        private DataSize maxDataSize = DataSize.ofBytes(256);

        /**
         * When writes reach the disk: 'interval' commits every commit interval, 'sync' returns
         * from each write only after its commit is fsynced.
         */
        private Durability durability = Durability.INTERVAL;

        /**
         * Returns the value of {@code crudjt.store.path}.
         *
         * @return the value, or null when unset
         */
        public @Nullable Path getPath() {
            return this.path;
        }

        /**
         * Sets the value of {@code crudjt.store.path}.
         *
         * @param path the value, or null to unset
         */
        public void setPath(@Nullable Path path) {
            this.path = path;
        }

        /**
         * Returns the value of {@code crudjt.store.commit-interval}.
         *
         * @return the value
         */
        public Duration getCommitInterval() {
            return this.commitInterval;
        }

        /**
         * Sets the value of {@code crudjt.store.commit-interval}.
         *
         * @param commitInterval the value
         */
        public void setCommitInterval(Duration commitInterval) {
            this.commitInterval = commitInterval;
        }

        /**
         * Returns the value of {@code crudjt.store.sweep-interval}.
         *
         * @return the value
         */
        public Duration getSweepInterval() {
            return this.sweepInterval;
        }

        /**
         * Sets the value of {@code crudjt.store.sweep-interval}.
         *
         * @param sweepInterval the value
         */
        public void setSweepInterval(Duration sweepInterval) {
            this.sweepInterval = sweepInterval;
        }

        /**
         * Returns the value of {@code crudjt.store.cache-size}.
         *
         * @return the value
         */
        public long getCacheSize() {
            return this.cacheSize;
        }

        /**
         * Sets the value of {@code crudjt.store.cache-size}.
         *
         * @param cacheSize the value
         */
        public void setCacheSize(long cacheSize) {
            this.cacheSize = cacheSize;
        }

        /**
         * Returns the value of {@code crudjt.store.max-data-size}.
         *
         * @return the value
         */
        public DataSize getMaxDataSize() {
            return this.maxDataSize;
        }

        /**
         * Sets the value of {@code crudjt.store.max-data-size}.
         *
         * @param maxDataSize the value
         */
        public void setMaxDataSize(DataSize maxDataSize) {
            this.maxDataSize = maxDataSize;
        }

        /**
         * Returns the value of {@code crudjt.store.durability}.
         *
         * @return the value
         */
        public Durability getDurability() {
            return this.durability;
        }

        /**
         * Sets the value of {@code crudjt.store.durability}.
         *
         * @param durability the value
         */
        public void setDurability(Durability durability) {
            this.durability = durability;
        }
    }

    /**
     * Address of the master's gRPC server: the address a master binds and a client connects to.
     *
     * @since 0.1.0
     */
    public static class Grpc {

        /**
         * Host or address of the master's gRPC server.
         */
        private String host = "127.0.0.1";

        /**
         * Port of the master's gRPC server; 0 lets a master pick a free port.
         */
        private int port = 50051;

        /**
         * Whether a master may bind a host other than loopback; the protocol is unauthenticated
         * plaintext, so anyone who reaches the port can read and write every token.
         */
        private boolean allowRemote = false;

        /**
         * Returns the value of {@code crudjt.grpc.host}.
         *
         * @return the value
         */
        public String getHost() {
            return this.host;
        }

        /**
         * Sets the value of {@code crudjt.grpc.host}.
         *
         * @param host the value
         */
        public void setHost(String host) {
            this.host = host;
        }

        /**
         * Returns the value of {@code crudjt.grpc.port}.
         *
         * @return the value
         */
        public int getPort() {
            return this.port;
        }

        /**
         * Sets the value of {@code crudjt.grpc.port}.
         *
         * @param port the value
         */
        public void setPort(int port) {
            this.port = port;
        }

        /**
         * Returns the value of {@code crudjt.grpc.allow-remote}.
         *
         * @return the value
         */
        public boolean isAllowRemote() {
            return this.allowRemote;
        }

        /**
         * Sets the value of {@code crudjt.grpc.allow-remote}.
         *
         * @param allowRemote the value
         */
        public void setAllowRemote(boolean allowRemote) {
            this.allowRemote = allowRemote;
        }
    }

    /**
     * Settings of a client's link to the master.
     *
     * @since 0.1.0
     */
    public static class Client {

        /**
         * Deadline of each call to the master.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration timeout = Duration.ofSeconds(5);

        /**
         * Time to wait for the master to answer when the client starts.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration connectTimeout = Duration.ofSeconds(10);

        /**
         * Returns the value of {@code crudjt.client.timeout}.
         *
         * @return the value
         */
        public Duration getTimeout() {
            return this.timeout;
        }

        /**
         * Sets the value of {@code crudjt.client.timeout}.
         *
         * @param timeout the value
         */
        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        /**
         * Returns the value of {@code crudjt.client.connect-timeout}.
         *
         * @return the value
         */
        public Duration getConnectTimeout() {
            return this.connectTimeout;
        }

        /**
         * Sets the value of {@code crudjt.client.connect-timeout}.
         *
         * @param connectTimeout the value
         */
        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }
    }
}
