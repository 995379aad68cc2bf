package dev.crudjt.sample.keyfile;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Thrown at start-up when the sample app's key file is missing while its store directory holds
 * a store file with tokens in it: a new key could read none of them, so the app refuses to
 * create one.
 *
 * @since 0.1.0
 */
public class MissingKeyFileException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The key file that was expected next to the store file. */
    private final transient Path keyFile;

    /** The store file that holds tokens. */
    private final transient Path storeFile;

    /**
     * Creates an exception.
     *
     * @param keyFile the absolute path of the missing key file
     * @param storeFile the absolute path of the store file that holds tokens
     */
    public MissingKeyFileException(Path keyFile, Path storeFile) {
        super("The secret key file '" + keyFile + "' is missing, but the store file '"
                + storeFile + "' holds tokens that only the key that wrote them can read");
        this.keyFile = Objects.requireNonNull(keyFile, "'keyFile' must not be null");
        this.storeFile = Objects.requireNonNull(storeFile, "'storeFile' must not be null");
    }

    /**
     * Returns the missing key file.
     *
     * @return its absolute path
     */
    public Path getKeyFile() {
        return this.keyFile;
    }

    /**
     * Returns the store file that holds tokens.
     *
     * @return its absolute path
     */
    public Path getStoreFile() {
        return this.storeFile;
    }
}
