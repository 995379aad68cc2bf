package dev.crudjt.grpc;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Answers requests whose bytes are not a protobuf message of their type, such as a token field
 * that is not valid UTF-8, with {@code INVALID_ARGUMENT}, and compressed requests that grow past
 * the message cap while they are decompressed with {@code RESOURCE_EXHAUSTED}. Without it
 * grpc-java answers {@code UNKNOWN} and logs a SEVERE stack trace for every such request, which
 * lets any local process flood the master's log.
 */
final class MalformedRequests {

    /**
     * Why the last parse on this thread failed, when it was the size limit. grpc-java parses a
     * request and hands it to the listener on the same thread, and a marshaller can only
     * return the message, so this is how the listener learns the reason.
     */
    private static final ThreadLocal<@Nullable Status> SIZE_FAILURE = new ThreadLocal<>();

    private MalformedRequests() {
    }

    /**
     * Wraps every method of a service so that an unparsable request is rejected as bad input.
     *
     * @param service the bound service
     * @return the same service with guarded request parsing
     */
    static ServerServiceDefinition reject(ServerServiceDefinition service) {
        ServiceDescriptor original = service.getServiceDescriptor();
        List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            methods.add(guard(method));
        }
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(original.getName())
                .setSchemaDescriptor(original.getSchemaDescriptor());
        methods.forEach((method) -> descriptor.addMethod(method.getMethodDescriptor()));
        ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(
                descriptor.build());
        methods.forEach(builder::addMethod);
        return builder.build();
    }

    private static <Q, R> ServerMethodDefinition<Q, R> guard(ServerMethodDefinition<Q, R> method) {
        MethodDescriptor<Q, R> original = method.getMethodDescriptor();
        MethodDescriptor<Q, R> guarded = original.toBuilder()
                .setRequestMarshaller(new LenientMarshaller<>(original.getRequestMarshaller()))
                .build();
        return ServerMethodDefinition.create(guarded, new RejectingHandler<>(
                method.getServerCallHandler(), original.getBareMethodName()));
    }

    /** Parses with the real marshaller and yields null instead of throwing. */
    private static final class LenientMarshaller<T> implements MethodDescriptor.Marshaller<T> {

        private final MethodDescriptor.Marshaller<T> delegate;

        LenientMarshaller(MethodDescriptor.Marshaller<T> delegate) {
            this.delegate = delegate;
        }

        @Override
        public InputStream stream(T value) {
            return this.delegate.stream(value);
        }

        @Override
        public @Nullable T parse(InputStream stream) {
            SIZE_FAILURE.remove();
            try {
                return this.delegate.parse(stream);
            }
            catch (RuntimeException ex) {
                SIZE_FAILURE.set(sizeFailure(ex));
                return null;
            }
        }

        /**
         * Returns the RESOURCE_EXHAUSTED status that grpc-java's size check raised while the
         * request was decompressed, found anywhere in the cause chain, or null for any other
         * failure.
         */
        private static @Nullable Status sizeFailure(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                Status status = Status.fromThrowable(cause);
                if (status.getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                    return status;
                }
                if (cause.getCause() == cause) {
                    break;
                }
            }
            return null;
        }
    }

    /** Closes a call whose request could not be parsed, before the service sees it. */
    private static final class RejectingHandler<Q, R> implements ServerCallHandler<Q, R> {

        private final ServerCallHandler<Q, R> delegate;

        private final @Nullable String method;

        RejectingHandler(ServerCallHandler<Q, R> delegate, @Nullable String method) {
            this.delegate = delegate;
            this.method = method;
        }

        @Override
        public ServerCall.Listener<Q> startCall(ServerCall<Q, R> call, Metadata headers) {
            return new RejectingListener<>(this.delegate.startCall(call, headers), call,
                    this.method);
        }
    }

    private static final class RejectingListener<Q, R> extends ServerCall.Listener<Q> {

        private final ServerCall.Listener<Q> delegate;

        private final ServerCall<Q, R> call;

        private final @Nullable String method;

        private boolean rejected;

        RejectingListener(ServerCall.Listener<Q> delegate, ServerCall<Q, R> call,
                @Nullable String method) {
            this.delegate = delegate;
            this.call = call;
            this.method = method;
        }

        @Override
        public void onMessage(@Nullable Q message) {
            if (this.rejected) {
                return;
            }
            if (message == null) {
                this.rejected = true;
                Status tooLarge = SIZE_FAILURE.get();
                SIZE_FAILURE.remove();
                this.call.close((tooLarge != null) ? tooLarge : Status.INVALID_ARGUMENT
                        .withDescription("the " + this.method + " request is not a valid "
                        + "protobuf message of its type (a string field that is not UTF-8, a "
                        + "wrong wire type or a truncated field)"), new Metadata());
                return;
            }
            this.delegate.onMessage(message);
        }

        @Override
        public void onHalfClose() {
            if (!this.rejected) {
                this.delegate.onHalfClose();
            }
        }

        @Override
        public void onCancel() {
            this.delegate.onCancel();
        }

        @Override
        public void onComplete() {
            this.delegate.onComplete();
        }

        @Override
        public void onReady() {
            if (!this.rejected) {
                this.delegate.onReady();
            }
        }
    }
}
