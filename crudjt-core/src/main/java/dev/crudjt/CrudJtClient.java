package dev.crudjt;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * PLACEHOLDER on the starter branch only: the real client comes from the grpc branch and
 * replaces this file when the branches are merged. It has the same public signatures.
 */
public final class CrudJtClient implements CrudJt {

    private final ClientOptions options;

    private CrudJtClient(ClientOptions options) {
        this.options = options;
    }

    static CrudJtClient connect(ClientOptions options) {
        throw new CrudJtException(CrudJtError.MASTER_UNAVAILABLE, "No CRUDJT master reachable at "
                + options.grpcHost() + ":" + options.grpcPort() + " (placeholder client)");
    }

    /**
     * Returns the master's address as {@code host:port}.
     *
     * @return the target address
     */
    public String target() {
        return this.options.grpcHost() + ":" + this.options.grpcPort();
    }

    /**
     * Returns whether the master answers now, waiting at most the call timeout.
     *
     * @return true when the master is reachable
     */
    public boolean isMasterReachable() {
        return false;
    }

    @Override
    public String create(Map<String, ?> data, @Nullable Long ttl, @Nullable Long silenceRead) {
        throw new UnsupportedOperationException("placeholder");
    }

    @Override
    public @Nullable TokenRead read(String token) {
        throw new UnsupportedOperationException("placeholder");
    }

    @Override
    public boolean update(String token, Map<String, ?> data, @Nullable Long ttl,
            @Nullable Long silenceRead) {
        throw new UnsupportedOperationException("placeholder");
    }

    @Override
    public boolean delete(String token) {
        throw new UnsupportedOperationException("placeholder");
    }

    @Override
    public void close() {
    }
}
