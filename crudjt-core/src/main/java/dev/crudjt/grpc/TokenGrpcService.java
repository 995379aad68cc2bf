package dev.crudjt.grpc;

import dev.crudjt.CrudJtError;
import dev.crudjt.CrudJtException;
import dev.crudjt.grpc.proto.CreateTokenRequest;
import dev.crudjt.grpc.proto.CreateTokenResponse;
import dev.crudjt.grpc.proto.DeleteTokenRequest;
import dev.crudjt.grpc.proto.DeleteTokenResponse;
import dev.crudjt.grpc.proto.ReadTokenRequest;
import dev.crudjt.grpc.proto.ReadTokenResponse;
import dev.crudjt.grpc.proto.TokenServiceGrpc;
import dev.crudjt.grpc.proto.UpdateTokenRequest;
import dev.crudjt.grpc.proto.UpdateTokenResponse;
import dev.crudjt.json.TokenData;
import dev.crudjt.store.TokenStore;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the {@code TokenService} rpcs from a {@link TokenStore}, with the same checks and
 * results as calls inside the master's process.
 *
 * <p>Every failure is translated to a status in {@link #toStatus(RuntimeException)}: bad input
 * becomes {@code INVALID_ARGUMENT} with the in-process message, a closing store
 * {@code UNAVAILABLE}, a store file that cannot be written {@code UNAVAILABLE} with the trailer
 * {@link WireCodec#ERROR_KEY} set to {@code STORE_UNAVAILABLE}, and anything else
 * {@code INTERNAL} with a short text. Thread-safe.
 */
final class TokenGrpcService extends TokenServiceGrpc.TokenServiceImplBase {

    private static final Logger log = LoggerFactory.getLogger(TokenGrpcService.class);

    private final TokenStore store;

    TokenGrpcService(TokenStore store) {
        this.store = store;
    }

    @Override
    public void createToken(CreateTokenRequest request,
            StreamObserver<CreateTokenResponse> observer) {
        serve(observer, () -> {
            TokenData data = this.store.codec().encode(WireCodec.decodeData(
                    request.getPackedData()));
            Long ttl = WireCodec.fromWire("ttl", request.getTtl());
            Long silenceRead = WireCodec.fromWire("silence_read", request.getSilenceRead());
            String token = this.store.create(data, ttl, silenceRead);
            return CreateTokenResponse.newBuilder().setToken(token).build();
        });
    }

    @Override
    public void readToken(ReadTokenRequest request, StreamObserver<ReadTokenResponse> observer) {
        serve(observer, () -> ReadTokenResponse.newBuilder()
                .setPackedData(WireCodec.encodeRead(this.store.read(request.getToken())))
                .build());
    }

    @Override
    public void updateToken(UpdateTokenRequest request,
            StreamObserver<UpdateTokenResponse> observer) {
        serve(observer, () -> {
            TokenData data = this.store.codec().encode(WireCodec.decodeData(
                    request.getPackedData()));
            Long ttl = WireCodec.fromWire("ttl", request.getTtl());
            Long silenceRead = WireCodec.fromWire("silence_read", request.getSilenceRead());
            boolean result = this.store.update(request.getToken(), data, ttl, silenceRead);
            return UpdateTokenResponse.newBuilder().setResult(result).build();
        });
    }

    @Override
    public void deleteToken(DeleteTokenRequest request,
            StreamObserver<DeleteTokenResponse> observer) {
        serve(observer, () -> DeleteTokenResponse.newBuilder()
                .setResult(this.store.delete(request.getToken()))
                .build());
    }

    private static <T> void serve(StreamObserver<T> observer, Supplier<T> call) {
        T response;
        try {
            response = call.get();
        }
        catch (RuntimeException ex) {
            observer.onError(toStatus(ex));
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }

    /**
     * Translates a failure of a call into the status sent to the client; the only place where
     * that happens.
     *
     * @param ex the failure
     * @return the status to send
     */
    static StatusRuntimeException toStatus(RuntimeException ex) {
        if (ex instanceof IllegalArgumentException) {
            return Status.INVALID_ARGUMENT.withDescription(ex.getMessage()).asRuntimeException();
        }
        if (ex instanceof IllegalStateException) {
            return Status.UNAVAILABLE.withDescription("CRUDJT master is closing")
                    .asRuntimeException();
        }
        if (ex instanceof CrudJtException crudJt && crudJt.error() == CrudJtError.STORE_CLOSED) {
            return Status.UNAVAILABLE.withDescription("CRUDJT master is closing")
                    .asRuntimeException();
        }
        if (ex instanceof CrudJtException crudJt
                && crudJt.error() == CrudJtError.STORE_UNAVAILABLE) {
            Metadata trailers = new Metadata();
            trailers.put(WireCodec.ERROR_KEY, CrudJtError.STORE_UNAVAILABLE.name());
            return Status.UNAVAILABLE.withDescription(ex.getMessage())
                    .asRuntimeException(trailers);
        }
        log.warn("Token request failed on the master", ex);
        String reason = (ex instanceof CrudJtException crudJt) ? crudJt.error().name()
                : "unexpected " + ex.getClass().getSimpleName();
        return Status.INTERNAL.withDescription("CRUDJT master failed: " + reason
                + "; see the master's log").asRuntimeException();
    }
}
