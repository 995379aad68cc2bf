package dev.crudjt.grpc;

import dev.crudjt.CrudJtError;
import dev.crudjt.CrudJtException;
import dev.crudjt.Durability;
import dev.crudjt.store.TokenStore;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC server of a master: serves one {@link TokenStore} as {@code TokenService} over
 * plaintext HTTP/2 on Netty. Internal API: not supported for use outside CRUDJT; use
 * {@link dev.crudjt.CrudJt#startMaster(dev.crudjt.MasterOptions)}.
 *
 * <p>With {@link Durability#INTERVAL} calls run on the Netty event loop that received them
 * ({@code directExecutor}), because every store operation is then short and never waits for
 * I/O. With {@link Durability#SYNC} a write waits for its fsync, so calls run on gRPC's shared
 * thread pool instead, where concurrent writes can share one commit. Inbound messages are
 * capped ({@link #maxMessageSize(int)}); a larger one fails with {@code RESOURCE_EXHAUSTED}
 * before it is parsed, and one whose bytes are not a protobuf message of its type with
 * {@code INVALID_ARGUMENT}. The server never closes the store: its owner does that after
 * {@link #close(Duration)}. Thread-safe.
 *
 * @since 0.1.0
 */
public final class GrpcTokenServer {

    /** The smallest cap on inbound messages, in bytes, and the cap for the default data size. */
    public static final int MIN_MAX_MESSAGE_SIZE = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(GrpcTokenServer.class);

    /**
     * grpc-netty's loggers that report a bad request or connection from a peer with a stack
     * trace each: an over-size message (WARNING) and a connection that does not speak HTTP/2
     * (INFO, with the bytes the peer sent). The peer already gets an error, and any local
     * process could fill the log through them, so they log SEVERE only unless the
     * application set their level itself. Held here because java.util.logging keeps loggers
     * only weakly.
     */
    private static final List<java.util.logging.Logger> PEER_ERROR_LOGGERS = List.of(
            java.util.logging.Logger.getLogger(
                    "io.grpc.netty.shaded.io.grpc.netty.NettyServerStream"),
            java.util.logging.Logger.getLogger(
                    "io.grpc.netty.shaded.io.grpc.netty.NettyServerTransport"));

    private final Server server;

    private final InetSocketAddress address;

    private final TokenStore store;

    private GrpcTokenServer(Server server, InetSocketAddress address, TokenStore store) {
        this.server = server;
        this.address = address;
        this.store = store;
    }

    /**
     * Resolves the host a master binds and refuses one that is not a loopback address unless
     * that was allowed.
     *
     * @param host a host name or address
     * @param allowRemote whether a non-loopback address is allowed
     * @return the resolved address
     * @throws IllegalArgumentException when the host cannot be resolved, or is not loopback
     *     and {@code allowRemote} is false
     */
    public static InetAddress resolveBindAddress(String host, boolean allowRemote) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        }
        catch (UnknownHostException ex) {
            throw new IllegalArgumentException("'grpcHost' '" + host + "' cannot be resolved",
                    ex);
        }
        if (!address.isLoopbackAddress() && !allowRemote) {
            throw new IllegalArgumentException("'grpcHost' '" + host + "' is not a loopback "
                    + "address: the CRUDJT protocol is unauthenticated plaintext, so anyone who "
                    + "reaches the port can read and write every token; bind 127.0.0.1, or set "
                    + "allowRemote(true) if the network is trusted");
        }
        return address;
    }

    /**
     * Returns the cap on inbound messages for a data size limit: large enough for any data the
     * store accepts, whose MessagePack form can be up to three times its JSON form.
     *
     * @param maxDataSize the store's limit on the JSON form of data, in bytes
     * @return the cap in bytes, at least {@value #MIN_MAX_MESSAGE_SIZE}
     */
    public static int maxMessageSize(int maxDataSize) {
        return (int) Math.max(MIN_MAX_MESSAGE_SIZE, 4L * maxDataSize + 1024);
    }

    /**
     * Binds the address and starts serving the store.
     *
     * @param store the open store to serve
     * @param address the address to bind; port 0 picks a free port
     * @param maxMessageSize the cap on inbound messages, in bytes
     * @param durability the store's durability, which decides where calls run
     * @return the running server
     * @throws CrudJtException {@link CrudJtError#ADDRESS_IN_USE} when the address cannot be
     *     bound
     */
    public static GrpcTokenServer start(TokenStore store, InetSocketAddress address,
            int maxMessageSize, Durability durability) {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(address);
        return start(builder, store, maxMessageSize, durability, address);
    }

    static GrpcTokenServer start(ServerBuilder<?> builder, TokenStore store, int maxMessageSize,
            Durability durability, InetSocketAddress requested) {
        if (durability == Durability.INTERVAL) {
            builder.directExecutor();
        }
        quietPeerErrors();
        Server server = builder.maxInboundMessageSize(maxMessageSize)
                .addService(MalformedRequests.reject(new TokenGrpcService(store).bindService()))
                .build();
        try {
            server.start();
        }
        catch (IOException ex) {
            server.shutdownNow();
            throw new CrudJtException(CrudJtError.ADDRESS_IN_USE, "Cannot bind the gRPC address "
                    + describe(requested) + ": " + reason(ex) + "; stop the process that uses it "
                    + "or set another port (MasterOptions.grpcPort, 0 picks a free one)", ex);
        }
        InetSocketAddress bound = boundAddress(server, requested);
        log.info("CRUDJT master serving store '{}' over gRPC at {}", store.file(),
                describe(bound));
        return new GrpcTokenServer(server, bound, store);
    }

    /**
     * Returns the address the server is bound to, with the actual port when port 0 was asked
     * for.
     *
     * @return the bound address
     */
    public InetSocketAddress address() {
        return this.address;
    }

    /**
     * Stops accepting calls, waits for calls in flight to finish and then releases the port;
     * calls still running after the drain timeout are cancelled. Calling it again has no
     * effect.
     *
     * @param drainTimeout how long to wait for calls in flight
     */
    public void close(Duration drainTimeout) {
        if (this.server.isShutdown()) {
            return;
        }
        this.server.shutdown();
        boolean interrupted = false;
        try {
            if (!this.server.awaitTermination(drainTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                log.warn("Calls still in flight after {} were cancelled", drainTimeout);
                this.server.shutdownNow();
                this.server.awaitTermination(1, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            interrupted = true;
            this.server.shutdownNow();
        }
        log.info("CRUDJT master stopped serving store '{}' at {}", this.store.file(),
                describe(this.address));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Formats an address as {@code host:port}, with brackets around an IPv6 address.
     *
     * @param address the address
     * @return the text
     */
    public static String describe(InetSocketAddress address) {
        String host = (address.getAddress() != null) ? address.getAddress().getHostAddress()
                : address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static void quietPeerErrors() {
        for (java.util.logging.Logger logger : PEER_ERROR_LOGGERS) {
            if (logger.getLevel() == null) {
                logger.setLevel(java.util.logging.Level.SEVERE);
            }
        }
    }

    private static InetSocketAddress boundAddress(Server server, InetSocketAddress requested) {
        for (SocketAddress socket : server.getListenSockets()) {
            if (socket instanceof InetSocketAddress inet) {
                return inet;
            }
        }
        return requested;
    }

    private static String reason(IOException ex) {
        Throwable cause = ex;
        while (cause != null) {
            if (cause instanceof BindException) {
                return messageOf(cause);
            }
            cause = cause.getCause();
        }
        return messageOf(ex);
    }

    private static String messageOf(@Nullable Throwable ex) {
        if (ex == null || ex.getMessage() == null) {
            return "bind failed";
        }
        return ex.getMessage();
    }
}
