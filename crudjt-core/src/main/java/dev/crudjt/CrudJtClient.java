package dev.crudjt;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import dev.crudjt.grpc.WireCodec;
import dev.crudjt.grpc.proto.CreateTokenRequest;
import dev.crudjt.grpc.proto.DeleteTokenRequest;
import dev.crudjt.grpc.proto.ReadTokenRequest;
import dev.crudjt.grpc.proto.ReadTokenResponse;
import dev.crudjt.grpc.proto.TokenServiceGrpc;
import dev.crudjt.grpc.proto.UpdateTokenRequest;
import dev.crudjt.json.JsonCodec;
import io.grpc.CallOptions;
import io.grpc.ConnectivityState;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of a master in another process on the same host: every call is a gRPC call to the
 * master, with the same checks and results as calls inside the master's process.
 *
 * <p>Obtain one with {@link CrudJt#connectToMaster(ClientOptions)}. A client holds one
 * plaintext HTTP/2 connection, shared by all threads; it is thread-safe and meant to be
 * shared. Each call has its own deadline of {@link ClientOptions#timeout()}. A call that is the
 * only one in flight busy-waits up to 100 microseconds for its answer before it parks, which
 * roughly halves the latency of a loopback call on a small machine; concurrent calls park at
 * once.
 *
 * <p>Arguments are checked here before anything is sent: null data, values that are not JSON
 * values, a null or blank token and limits below 1 fail with the in-process
 * {@link IllegalArgumentException}. Only the size of the data is left to the master, whose limit
 * may differ from the default; its {@code INVALID_ARGUMENT} answer comes back as an
 * {@link IllegalArgumentException} with the master's message.
 *
 * <p>While the master is down, calls fail within the timeout, usually at once, with a
 * {@link CrudJtException} of code {@link CrudJtError#MASTER_UNAVAILABLE}; a call is never
 * reported as an absent token. When the master runs but cannot write its store file (a full
 * disk), calls fail at once with {@link CrudJtError#STORE_UNAVAILABLE} until it can again.
 * When a master serves the address again, the next call
 * reconnects at once instead of waiting out a backoff. A call that failed this way may or may
 * not have taken effect on the master.
 *
 * @since 0.1.0
 */
public final class CrudJtClient implements CrudJt {

    private static final Logger log = LoggerFactory.getLogger(CrudJtClient.class);

    /** A token that can never exist, read to check that the master answers. */
    private static final String PROBE_TOKEN = "crudjt-reachability-probe";

    /** Longest wait for a reconnect before a call goes ahead and fails fast. */
    private static final long RECONNECT_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private static final long CONNECT_RETRY_MILLIS = 50;

    /** Longest busy wait for an answer while a call is the only one in flight. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    /** Fixed HTTP/2 flow-control window; a fixed one turns off the pings that tune it. */
    private static final int FLOW_CONTROL_WINDOW = 1024 * 1024;

    private final String target;

    private final ManagedChannel channel;

    private final long timeoutNanos;

    private final long connectTimeoutNanos;

    private final Duration connectTimeout;

    private final AtomicBoolean masterLost = new AtomicBoolean();

    private final AtomicInteger inFlight = new AtomicInteger();

    private final AtomicReference<@Nullable CountDownLatch> stateChange =
            new AtomicReference<>();

    private volatile boolean closed;

    private CrudJtClient(ClientOptions options) {
        this.target = hostAndPort(options.grpcHost(), options.grpcPort());
        this.timeoutNanos = saturatedNanos(options.timeout());
        this.connectTimeoutNanos = saturatedNanos(options.connectTimeout());
        this.connectTimeout = options.connectTimeout();
        this.channel = NettyChannelBuilder.forAddress(options.grpcHost(), options.grpcPort())
                .usePlaintext()
                .directExecutor()
                .flowControlWindow(FLOW_CONTROL_WINDOW)
                .build();
    }

    /**
     * Creates a client and waits until the master answers.
     *
     * @param options the client's settings
     * @return the connected client
     * @throws CrudJtException {@link CrudJtError#MASTER_UNAVAILABLE} when no master answers
     *     within the connect timeout
     */
    static CrudJtClient connect(ClientOptions options) {
        CrudJtClient client = new CrudJtClient(options);
        try {
            client.awaitMaster();
        }
        catch (RuntimeException ex) {
            client.close();
            throw ex;
        }
        log.info("CRUDJT client connected to the master at {}", client.target);
        return client;
    }

    /**
     * Returns the master's address as {@code host:port}.
     *
     * @return the address this client calls
     */
    public String target() {
        return this.target;
    }

    /**
     * Returns whether the master answers now, waiting at most one call timeout.
     *
     * @return true when the master answered, false when it did not or this client is closed
     */
    public boolean isMasterReachable() {
        if (this.closed) {
            return false;
        }
        try {
            probe(Deadline.after(this.timeoutNanos, TimeUnit.NANOSECONDS));
            return true;
        }
        catch (StatusRuntimeException ex) {
            return ex.getStatus().getCode() == Status.Code.INVALID_ARGUMENT;
        }
    }

    @Override
    public String create(Map<String, ?> data, @Nullable Long ttl, @Nullable Long silenceRead) {
        ByteString packed = WireCodec.encodeData(JsonCodec.normalize(data));
        requireTtl(ttl);
        requireSilenceRead(silenceRead);
        CreateTokenRequest request = CreateTokenRequest.newBuilder()
                .setPackedData(packed)
                .setTtl(WireCodec.toWire(ttl))
                .setSilenceRead(WireCodec.toWire(silenceRead))
                .build();
        try {
            return answered(call(TokenServiceGrpc.getCreateTokenMethod(), request).getToken());
        }
        catch (StatusRuntimeException ex) {
            throw failure(ex);
        }
    }

    @Override
    public @Nullable TokenRead read(String token) {
        requireToken(token);
        ReadTokenRequest request = ReadTokenRequest.newBuilder().setToken(token).build();
        ReadTokenResponse response;
        try {
            response = answered(call(TokenServiceGrpc.getReadTokenMethod(), request));
        }
        catch (StatusRuntimeException ex) {
            throw failure(ex);
        }
        try {
            return WireCodec.decodeRead(response.getPackedData());
        }
        catch (IllegalArgumentException ex) {
            throw new CrudJtException(CrudJtError.INTERNAL, "The CRUDJT master at " + this.target
                    + " sent a read result that is not valid: " + ex.getMessage(), ex);
        }
    }

    @Override
    public boolean update(String token, Map<String, ?> data, @Nullable Long ttl,
            @Nullable Long silenceRead) {
        ByteString packed = WireCodec.encodeData(JsonCodec.normalize(data));
        requireToken(token);
        requireTtl(ttl);
        requireSilenceRead(silenceRead);
        UpdateTokenRequest request = UpdateTokenRequest.newBuilder()
                .setToken(token)
                .setPackedData(packed)
                .setTtl(WireCodec.toWire(ttl))
                .setSilenceRead(WireCodec.toWire(silenceRead))
                .build();
        try {
            return answered(call(TokenServiceGrpc.getUpdateTokenMethod(), request).getResult());
        }
        catch (StatusRuntimeException ex) {
            throw failure(ex);
        }
    }

    @Override
    public boolean delete(String token) {
        requireToken(token);
        DeleteTokenRequest request = DeleteTokenRequest.newBuilder().setToken(token).build();
        try {
            return answered(call(TokenServiceGrpc.getDeleteTokenMethod(), request).getResult());
        }
        catch (StatusRuntimeException ex) {
            throw failure(ex);
        }
    }

    /**
     * Closes the connection to the master, letting calls in flight finish for at most one call
     * timeout. The master and its tokens are not affected. Calling it again has no effect.
     */
    @Override
    public void close() {
        if (this.closed) {
            return;
        }
        this.closed = true;
        this.channel.shutdown();
        try {
            if (!this.channel.awaitTermination(this.timeoutNanos, TimeUnit.NANOSECONDS)) {
                this.channel.shutdownNow();
            }
        }
        catch (InterruptedException ex) {
            this.channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "CrudJtClient{target=" + this.target + "}";
    }

    private void awaitMaster() {
        long deadline = System.nanoTime() + this.connectTimeoutNanos;
        StatusRuntimeException last = null;
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw noMaster(last);
            }
            try {
                probe(Deadline.after(Math.min(remaining, this.timeoutNanos),
                        TimeUnit.NANOSECONDS));
                return;
            }
            catch (StatusRuntimeException ex) {
                if (ex.getStatus().getCode() == Status.Code.INVALID_ARGUMENT
                        || CrudJtError.STORE_UNAVAILABLE.name().equals(trailer(ex))) {
                    return;
                }
                last = ex;
            }
            this.channel.resetConnectBackoff();
            pause(Math.min(CONNECT_RETRY_MILLIS, TimeUnit.NANOSECONDS.toMillis(remaining) + 1));
        }
    }

    private void probe(Deadline deadline) {
        ReadTokenRequest request = ReadTokenRequest.newBuilder().setToken(PROBE_TOKEN).build();
        call(TokenServiceGrpc.getReadTokenMethod(), request, deadline);
    }

    private <Q, R> R call(MethodDescriptor<Q, R> method, Q request) {
        if (this.closed) {
            throw new IllegalStateException("CRUDJT client for " + this.target + " is closed");
        }
        return call(method, request, Deadline.after(this.timeoutNanos, TimeUnit.NANOSECONDS));
    }

    /**
     * Makes one unary call and waits for its answer. While it is the only call in flight, the
     * caller busy-waits briefly before parking, because waking a parked thread costs more than
     * a loopback round trip on a small machine; with concurrent calls it parks at once, so that
     * waiting threads never take CPU from the connection's own threads.
     */
    private <Q, R> R call(MethodDescriptor<Q, R> method, Q request, Deadline deadline) {
        reconnectIfFailed(deadline);
        int calls = this.inFlight.incrementAndGet();
        ListenableFuture<R> answer = null;
        try {
            answer = ClientCalls.futureUnaryCall(this.channel.newCall(method,
                    CallOptions.DEFAULT.withDeadline(deadline)), request);
            if (calls == 1) {
                spinUntilDone(answer);
            }
            return answer.get();
        }
        catch (ExecutionException ex) {
            if (ex.getCause() instanceof StatusRuntimeException status) {
                throw status;
            }
            throw Status.INTERNAL.withDescription(String.valueOf(ex.getCause()))
                    .withCause(ex.getCause()).asRuntimeException();
        }
        catch (InterruptedException ex) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("interrupted while waiting for the master")
                    .withCause(ex).asRuntimeException();
        }
        finally {
            this.inFlight.decrementAndGet();
        }
    }

    private void spinUntilDone(ListenableFuture<?> answer) {
        long start = System.nanoTime();
        while (!answer.isDone() && this.inFlight.get() == 1) {
            for (int i = 0; i < 32; i++) {
                Thread.onSpinWait();
            }
            if (System.nanoTime() - start > SPIN_NANOS) {
                return;
            }
        }
    }

    /**
     * Skips the channel's reconnect backoff after a failure, so that a master that came back is
     * used at once, and waits briefly for that reconnect; a call made while the channel is still
     * failed fails at once.
     */
    private void reconnectIfFailed(Deadline deadline) {
        if (this.channel.getState(false) != ConnectivityState.TRANSIENT_FAILURE) {
            return;
        }
        this.channel.resetConnectBackoff();
        long wait = Math.min(RECONNECT_WAIT_NANOS, deadline.timeRemaining(TimeUnit.NANOSECONDS));
        CountDownLatch changed = stateChange();
        try {
            changed.await(Math.max(0, wait), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Returns a latch that opens when the channel leaves the failed state; all callers waiting
     * in one outage share it, so that a long outage does not pile up callbacks.
     */
    private CountDownLatch stateChange() {
        while (true) {
            CountDownLatch current = this.stateChange.get();
            if (current != null && current.getCount() > 0) {
                return current;
            }
            CountDownLatch fresh = new CountDownLatch(1);
            if (this.stateChange.compareAndSet(current, fresh)) {
                this.channel.notifyWhenStateChanged(ConnectivityState.TRANSIENT_FAILURE,
                        fresh::countDown);
                return fresh;
            }
        }
    }

    private <T> T answered(T response) {
        if (this.masterLost.get() && this.masterLost.compareAndSet(true, false)) {
            log.info("CRUDJT master at {} answers again", this.target);
        }
        return response;
    }

    /** Translates a failed call into the exception the caller sees; the only place for it. */
    private RuntimeException failure(StatusRuntimeException ex) {
        Status status = ex.getStatus();
        String description = (status.getDescription() != null) ? status.getDescription()
                : status.getCode().name();
        boolean refused = status.getCode() == Status.Code.UNAVAILABLE
                || status.getCode() == Status.Code.CANCELLED;
        if (refused && this.closed) {
            return new IllegalStateException("CRUDJT client for " + this.target + " is closed",
                    ex);
        }
        switch (status.getCode()) {
            case INVALID_ARGUMENT:
                return new IllegalArgumentException(description, ex);
            case RESOURCE_EXHAUSTED:
                return new IllegalArgumentException("The request is too large for the CRUDJT "
                        + "master at " + this.target + ": " + description, ex);
            case UNAVAILABLE:
                if (CrudJtError.STORE_UNAVAILABLE.name().equals(trailer(ex))) {
                    return new CrudJtException(CrudJtError.STORE_UNAVAILABLE, "The CRUDJT master "
                            + "at " + this.target + " cannot use its store: " + description, ex);
                }
                return unavailable(status, description, ex);
            case DEADLINE_EXCEEDED:
                return unavailable(status, description, ex);
            case CANCELLED:
                return new CrudJtException(CrudJtError.INTERNAL, "The call to the CRUDJT master "
                        + "at " + this.target + " was cancelled: " + description, ex);
            default:
                return new CrudJtException(CrudJtError.INTERNAL, "The CRUDJT master at "
                        + this.target + " failed: " + status.getCode() + ": " + description, ex);
        }
    }

    private static @Nullable String trailer(StatusRuntimeException ex) {
        Metadata trailers = ex.getTrailers();
        return (trailers != null) ? trailers.get(WireCodec.ERROR_KEY) : null;
    }

    private CrudJtException unavailable(Status status, String description,
            StatusRuntimeException ex) {
        this.channel.resetConnectBackoff();
        if (this.masterLost.compareAndSet(false, true)) {
            log.warn("CRUDJT master at {} is unavailable: {}: {}", this.target, status.getCode(),
                    description);
        }
        return new CrudJtException(CrudJtError.MASTER_UNAVAILABLE, "The CRUDJT master at "
                + this.target + " is unavailable (" + status.getCode() + ": " + description
                + "); " + howToStart(), ex);
    }

    private CrudJtException noMaster(@Nullable StatusRuntimeException last) {
        String reason = (last == null) ? "" : " (" + last.getStatus().getCode() + ": "
                + last.getStatus().getDescription() + ")";
        return new CrudJtException(CrudJtError.MASTER_UNAVAILABLE, "No CRUDJT master answered at "
                + this.target + " within " + this.connectTimeout + reason + "; " + howToStart(),
                last);
    }

    private static String howToStart() {
        return "a master is started by setting a secret key in one process "
                + "(CrudJt.startMaster with MasterOptions.secretKey), which then serves the "
                + "store at its gRPC host and port; check that it runs and that this client uses "
                + "the same address";
    }

    private static void requireToken(@Nullable String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("'token' must not be null or blank");
        }
    }

    private static void requireTtl(@Nullable Long ttl) {
        if (ttl != null && ttl < 1) {
            throw new IllegalArgumentException("'ttl' must be at least 1 second, was " + ttl);
        }
    }

    private static void requireSilenceRead(@Nullable Long silenceRead) {
        if (silenceRead != null && silenceRead < 1) {
            throw new IllegalArgumentException(
                    "'silenceRead' must be at least 1, was " + silenceRead);
        }
    }

    private static String hostAndPort(String host, int port) {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":"
                + port;
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        }
        catch (ArithmeticException ex) {
            return Long.MAX_VALUE;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new CrudJtException(CrudJtError.MASTER_UNAVAILABLE,
                    "Interrupted while waiting for the CRUDJT master", ex);
        }
    }
}
