package dev.crudjt;

import dev.crudjt.grpc.GrpcTokenServer;
import dev.crudjt.store.StoreConfig;
import dev.crudjt.store.TokenStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The master of a store: owns the store file in this process and serves it to clients.
 *
 * <p>Obtain one with {@link CrudJt#startMaster(MasterOptions)}. Only one master can hold a store
 * at a time. Writes reach the file at the next commit, at most one
 * {@link MasterOptions#commitInterval()} later, and on {@link #close()}. Thread-safe.
 *
 * <p>The master serves the store over gRPC at {@link #grpcAddress()}, plaintext and without
 * authentication, so by default it binds only a loopback address. Calls made through this
 * object and calls from clients see the same tokens with the same semantics.
 *
 * <p>The master registers no JVM shutdown hook: the application that starts it closes it, for
 * example from its own shutdown hook or, with the Spring Boot starter, when the application
 * context closes. A master that is not closed when its process ends (SIGKILL, or SIGTERM
 * without a hook) keeps what a crash keeps: the writes up to its last commit.
 *
 * @since 0.1.0
 */
public final class CrudJtMaster implements CrudJt {

    /** How long {@link #close()} waits for calls in flight before cancelling them. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private final TokenStore store;

    private final GrpcTokenServer server;

    private final MasterOptions options;

    private CrudJtMaster(TokenStore store, GrpcTokenServer server, MasterOptions options) {
        this.store = store;
        this.server = server;
        this.options = options;
    }

    static CrudJtMaster start(MasterOptions options) {
        InetAddress host = GrpcTokenServer.resolveBindAddress(options.grpcHost(),
                options.allowRemote());
        TokenStore store = TokenStore.open(StoreConfig.from(options));
        try {
            GrpcTokenServer server = GrpcTokenServer.start(store,
                    new InetSocketAddress(host, options.grpcPort()),
                    GrpcTokenServer.maxMessageSize(options.maxDataSize()),
                    options.durability());
            return new CrudJtMaster(store, server, options);
        }
        catch (RuntimeException ex) {
            store.close();
            throw ex;
        }
    }

    /**
     * Returns the options this master was started with; their {@code toString()} hides the key.
     *
     * @return the options
     */
    public MasterOptions options() {
        return this.options;
    }

    /**
     * Returns the address the gRPC server is bound to, with the actual port when port 0 was
     * configured.
     *
     * @return the bound address, a loopback one unless remote access was allowed
     */
    public InetSocketAddress grpcAddress() {
        return this.server.address();
    }

    /**
     * Returns the absolute path of the store file.
     *
     * @return the store file
     */
    public Path storeFile() {
        return this.store.file();
    }

    /**
     * Returns the number of tokens in the store, counting expired ones not yet swept.
     *
     * @return the token count
     */
    public long tokenCount() {
        return this.store.tokenCount();
    }

    /**
     * Returns whether the master is open.
     *
     * @return true until {@link #close()} is called
     */
    public boolean isOpen() {
        return this.store.isOpen();
    }

    @Override
    public String create(Map<String, ?> data, @Nullable Long ttl, @Nullable Long silenceRead) {
        return this.store.create(this.store.codec().encode(data), ttl, silenceRead);
    }

    @Override
    public @Nullable TokenRead read(String token) {
        return this.store.read(token);
    }

    @Override
    public boolean update(String token, Map<String, ?> data, @Nullable Long ttl,
            @Nullable Long silenceRead) {
        return this.store.update(token, this.store.codec().encode(data), ttl, silenceRead);
    }

    @Override
    public boolean delete(String token) {
        return this.store.delete(token);
    }

    /**
     * Stops accepting calls, waits up to five seconds for calls in flight, then commits, syncs
     * and closes the store file. Calling it again has no effect.
     */
    @Override
    public void close() {
        this.server.close(DRAIN_TIMEOUT);
        this.store.close();
    }
}
