package dev.crudjt;

import dev.crudjt.store.StoreConfig;
import dev.crudjt.store.TokenStore;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The master of a store: owns the store file in this process and serves it to clients.
 *
 * <p>Obtain one with {@link CrudJt#startMaster(MasterOptions)}. Only one master can hold a store
 * at a time. Writes reach the file at the next commit, at most one
 * {@link MasterOptions#commitInterval()} later, and on {@link #close()}. Thread-safe.
 *
 * @since 0.1.0
 */
public final class CrudJtMaster implements CrudJt {

    private final TokenStore store;

    private CrudJtMaster(TokenStore store) {
        this.store = store;
    }

    static CrudJtMaster start(MasterOptions options) {
        return new CrudJtMaster(TokenStore.open(StoreConfig.from(options)));
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

    @Override
    public void close() {
        this.store.close();
    }
}
