package dev.crudjt;

import java.time.Duration;

/**
 * Immutable settings of a client: the master's gRPC address and the call and connect timeouts.
 *
 * <p>Build one with {@link #builder()}; {@link Builder#build()} throws an
 * {@link IllegalArgumentException} that names the bad option.
 *
 * @param grpcHost host or address of the master
 * @param grpcPort port of the master, 1 to 65535
 * @param timeout deadline of each call, positive
 * @param connectTimeout how long to wait for the master when connecting, positive
 * @since 0.1.0
 */
public record ClientOptions(String grpcHost, int grpcPort, Duration timeout,
        Duration connectTimeout) {

    /** Default deadline of each call. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** Default time to wait for the master when connecting. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Checks every value.
     *
     * @param grpcHost host or address of the master
     * @param grpcPort port of the master, 1 to 65535
     * @param timeout deadline of each call, positive
     * @param connectTimeout how long to wait for the master when connecting, positive
     * @throws IllegalArgumentException naming the first value that is not allowed
     */
    public ClientOptions {
        if (grpcHost == null || grpcHost.isBlank()) {
            throw new IllegalArgumentException("'grpcHost' must not be blank");
        }
        if (grpcPort < 1 || grpcPort > 65535) {
            throw new IllegalArgumentException(
                    "'grpcPort' must be from 1 to 65535, was " + grpcPort);
        }
        MasterOptions.Builder.requirePositive("timeout", timeout);
        MasterOptions.Builder.requirePositive("connectTimeout", connectTimeout);
    }

    /**
     * Starts a builder with every default set: 127.0.0.1:50051, 5 s per call, 10 s to connect.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Mutable, single-use builder of {@link ClientOptions}.
     *
     * @since 0.1.0
     */
    public static final class Builder {

        private String grpcHost = MasterOptions.DEFAULT_GRPC_HOST;

        private int grpcPort = MasterOptions.DEFAULT_GRPC_PORT;

        private Duration timeout = DEFAULT_TIMEOUT;

        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

        private Builder() {
        }

        /**
         * Sets the master's host or address.
         *
         * @param grpcHost the host
         * @return this builder
         */
        public Builder grpcHost(String grpcHost) {
            this.grpcHost = grpcHost;
            return this;
        }

        /**
         * Sets the master's port.
         *
         * @param grpcPort 1 to 65535
         * @return this builder
         */
        public Builder grpcPort(int grpcPort) {
            this.grpcPort = grpcPort;
            return this;
        }

        /**
         * Sets the deadline of each call; every call gets a fresh one.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Sets how long {@link CrudJt#connectToMaster(ClientOptions)} waits for the master.
         *
         * @param connectTimeout a positive duration
         * @return this builder
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /**
         * Checks every option and builds the immutable options.
         *
         * @return the options
         * @throws IllegalArgumentException naming the first option whose value is not allowed
         */
        public ClientOptions build() {
            return new ClientOptions(this.grpcHost, this.grpcPort, this.timeout,
                    this.connectTimeout);
        }
    }
}
