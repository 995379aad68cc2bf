package dev.crudjt;

import dev.crudjt.crypto.SecretKeys;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Immutable settings of a master: its secret key, store location, background intervals, limits
 * and gRPC address.
 *
 * <p>Build one with {@link #builder()}; {@link Builder#build()} checks every value and throws an
 * {@link IllegalArgumentException} that names the bad option. {@link #toString()} never shows
 * the secret key.
 *
 * @since 0.1.0
 */
public final class MasterOptions {

    /** Default interval between commits and fsyncs of the store file. */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(500);

    /** Default interval between sweeps of expired tokens. */
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofHours(24);

    /** Default number of decoded tokens kept in the hot cache. */
    public static final long DEFAULT_CACHE_SIZE = 50_000;

    /** Default limit, in bytes, of the compact UTF-8 JSON form of token data. */
    public static final int DEFAULT_MAX_DATA_SIZE = 256;

    /** Default address the gRPC server binds: loopback only. */
    public static final String DEFAULT_GRPC_HOST = "127.0.0.1";

    /** Default port of the gRPC server, shared by every CRUDJT SDK. */
    public static final int DEFAULT_GRPC_PORT = 50051;

    private final byte[] secretKey;

    private final @Nullable Path storePath;

    private final Duration commitInterval;

    private final Duration sweepInterval;

    private final long cacheSize;

    private final int maxDataSize;

    private final String grpcHost;

    private final int grpcPort;

    private final boolean allowRemote;

    private final Durability durability;

    private MasterOptions(Builder builder, byte[] secretKey) {
        this.secretKey = secretKey;
        this.storePath = builder.storePath;
        this.commitInterval = builder.commitInterval;
        this.sweepInterval = builder.sweepInterval;
        this.cacheSize = builder.cacheSize;
        this.maxDataSize = builder.maxDataSize;
        this.grpcHost = builder.grpcHost;
        this.grpcPort = builder.grpcPort;
        this.allowRemote = builder.allowRemote;
        this.durability = builder.durability;
    }

    /**
     * Starts a builder with every default set and no secret key.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a copy of the decoded secret key (32, 48 or 64 bytes).
     *
     * @return a fresh copy of the key bytes
     */
    public byte[] secretKey() {
        return this.secretKey.clone();
    }

    /**
     * Returns the explicit store directory, or null to use the lookup order of
     * {@link dev.crudjt.store.StoreLocation}.
     *
     * @return the store directory, or null
     */
    public @Nullable Path storePath() {
        return this.storePath;
    }

    /**
     * Returns the interval between commits and fsyncs of the store file.
     *
     * @return the commit interval, positive
     */
    public Duration commitInterval() {
        return this.commitInterval;
    }

    /**
     * Returns the interval between sweeps of expired tokens.
     *
     * @return the sweep interval, positive
     */
    public Duration sweepInterval() {
        return this.sweepInterval;
    }

    /**
     * Returns the maximum number of decoded tokens held in the hot cache.
     *
     * @return the cache size, zero or more
     */
    public long cacheSize() {
        return this.cacheSize;
    }

    /**
     * Returns the limit, in bytes, of the compact UTF-8 JSON form of token data.
     *
     * @return the data size limit in bytes, positive
     */
    public int maxDataSize() {
        return this.maxDataSize;
    }

    /**
     * Returns the host or address the gRPC server binds.
     *
     * @return the gRPC host, never blank
     */
    public String grpcHost() {
        return this.grpcHost;
    }

    /**
     * Returns the port the gRPC server binds; 0 picks a free one.
     *
     * @return the gRPC port, 0 to 65535
     */
    public int grpcPort() {
        return this.grpcPort;
    }

    /**
     * Returns whether the gRPC server may bind an address other than loopback.
     *
     * @return true when a non-loopback host was explicitly allowed
     */
    public boolean allowRemote() {
        return this.allowRemote;
    }

    /**
     * Returns when writes reach the disk.
     *
     * @return the durability mode
     * @since 0.1.0
     */
    public Durability durability() {
        return this.durability;
    }

    @Override
    public String toString() {
        return "MasterOptions{storePath=" + this.storePath + ", commitInterval="
                + this.commitInterval + ", sweepInterval=" + this.sweepInterval + ", cacheSize="
                + this.cacheSize + ", maxDataSize=" + this.maxDataSize + ", grpc="
                + this.grpcHost + ":" + this.grpcPort + ", allowRemote=" + this.allowRemote
                + ", durability=" + this.durability + ", secretKey=(hidden)}";
    }

    /**
     * Mutable, single-use builder of {@link MasterOptions}.
     *
     * @since 0.1.0
     */
    public static final class Builder {

        private @Nullable String secretKey;

        private @Nullable Path storePath;

        private Duration commitInterval = DEFAULT_COMMIT_INTERVAL;

        private Duration sweepInterval = DEFAULT_SWEEP_INTERVAL;

        private long cacheSize = DEFAULT_CACHE_SIZE;

        private int maxDataSize = DEFAULT_MAX_DATA_SIZE;

        private String grpcHost = DEFAULT_GRPC_HOST;

        private int grpcPort = DEFAULT_GRPC_PORT;

        private boolean allowRemote;

        private Durability durability = Durability.INTERVAL;

        private Builder() {
        }

        /**
         * Sets the secret key: standard Base64 of 32, 48 or 64 random bytes, such as the output
         * of {@code openssl rand -base64 48}. Surrounding whitespace is ignored.
         *
         * @param secretKey the Base64 key
         * @return this builder
         */
        public Builder secretKey(String secretKey) {
            this.secretKey = secretKey;
            return this;
        }

        /**
         * Sets the store directory; the store file is created inside it.
         *
         * @param storePath the directory, or null for the default lookup order
         * @return this builder
         */
        public Builder storePath(@Nullable Path storePath) {
            this.storePath = storePath;
            return this;
        }

        /**
         * Sets how long a write may wait for its commit and fsync; a crash loses at most the
         * writes of the last interval. Commits start early enough to end within it, so while a
         * commit takes a good part of the interval they follow each other more often.
         *
         * @param commitInterval a positive duration
         * @return this builder
         */
        public Builder commitInterval(Duration commitInterval) {
            this.commitInterval = commitInterval;
            return this;
        }

        /**
         * Sets how often expired tokens are swept from the file, after a first sweep at start.
         *
         * @param sweepInterval a positive duration
         * @return this builder
         */
        public Builder sweepInterval(Duration sweepInterval) {
            this.sweepInterval = sweepInterval;
            return this;
        }

        /**
         * Sets how many decoded tokens the hot cache keeps; 0 disables the cache.
         *
         * @param cacheSize the number of entries, zero or more
         * @return this builder
         */
        public Builder cacheSize(long cacheSize) {
            this.cacheSize = cacheSize;
            return this;
        }

        /**
         * Sets the limit of the compact UTF-8 JSON form of token data.
         *
         * @param maxDataSize the limit in bytes, from 2 to 65536
         * @return this builder
         */
        public Builder maxDataSize(int maxDataSize) {
            this.maxDataSize = maxDataSize;
            return this;
        }

        /**
         * Sets the host or address the gRPC server binds.
         *
         * @param grpcHost a loopback address unless {@link #allowRemote(boolean)} is set
         * @return this builder
         */
        public Builder grpcHost(String grpcHost) {
            this.grpcHost = grpcHost;
            return this;
        }

        /**
         * Sets the port the gRPC server binds.
         *
         * @param grpcPort 1 to 65535, or 0 to pick a free port
         * @return this builder
         */
        public Builder grpcPort(int grpcPort) {
            this.grpcPort = grpcPort;
            return this;
        }

        /**
         * Allows binding a non-loopback address. The protocol is unauthenticated plaintext, so
         * anyone who reaches the port can read and write every token.
         *
         * @param allowRemote whether a non-loopback host is allowed
         * @return this builder
         */
        public Builder allowRemote(boolean allowRemote) {
            this.allowRemote = allowRemote;
            return this;
        }

        /**
         * Sets when writes reach the disk.
         *
         * @param durability {@link Durability#INTERVAL} (the default) or
         *     {@link Durability#SYNC}
         * @return this builder
         */
        public Builder durability(Durability durability) {
            this.durability = durability;
            return this;
        }

        /**
         * Checks every option and builds the immutable options.
         *
         * @return the options
         * @throws IllegalArgumentException naming the first option whose value is not allowed
         */
        public MasterOptions build() {
            if (this.secretKey == null) {
                throw new IllegalArgumentException("'secretKey' must be set: generate one with "
                        + "'openssl rand -base64 48'");
            }
            byte[] key = SecretKeys.decode(this.secretKey);
            requirePositive("commitInterval", this.commitInterval);
            requirePositive("sweepInterval", this.sweepInterval);
            if (this.cacheSize < 0) {
                throw new IllegalArgumentException(
                        "'cacheSize' must be zero or more, was " + this.cacheSize);
            }
            if (this.maxDataSize < 2 || this.maxDataSize > 65536) {
                throw new IllegalArgumentException("'maxDataSize' must be from 2 to 65536 bytes,"
                        + " was " + this.maxDataSize);
            }
            if (this.durability == null) {
                throw new IllegalArgumentException("'durability' must not be null");
            }
            if (this.grpcHost == null || this.grpcHost.isBlank()) {
                throw new IllegalArgumentException("'grpcHost' must not be blank");
            }
            if (this.grpcPort < 0 || this.grpcPort > 65535) {
                throw new IllegalArgumentException(
                        "'grpcPort' must be from 0 to 65535, was " + this.grpcPort);
            }
            return new MasterOptions(this, key);
        }

        static void requirePositive(String name, @Nullable Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(
                        "'" + name + "' must be a positive duration, was " + value);
            }
        }
    }
}
