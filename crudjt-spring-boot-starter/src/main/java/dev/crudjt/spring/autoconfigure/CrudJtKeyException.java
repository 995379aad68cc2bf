package dev.crudjt.spring.autoconfigure;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up when the secret key of a master is missing, unreadable, invalid or set
 * in two places. Its message names where the key came from and never shows the key itself.
 *
 * @since 0.1.0
 */
public class CrudJtKeyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the key. */
    private final Reason reason;

    /** Where the key came from, or null when none was found. */
    private final @Nullable String source;

    /**
     * Creates an exception.
     *
     * @param reason what is wrong with the key
     * @param source where the key came from, such as {@code crudjt.secret-key} or
     *     {@code CRUDJT_SECRET_KEY (environment)}, or null when no key was found
     * @param message what went wrong; must not contain the key
     * @param cause the underlying failure, or null
     */
    public CrudJtKeyException(Reason reason, @Nullable String source, String message,
            @Nullable Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "'reason' must not be null");
        this.source = source;
    }

    /**
     * Returns what is wrong with the key.
     *
     * @return the reason, never null
     */
    public Reason getReason() {
        return this.reason;
    }

    /**
     * Returns where the key came from: a property name, an environment variable followed by
     * {@code (environment)}, or the property naming the key file followed by the file in
     * parentheses.
     *
     * @return the source, or null when no key was found
     */
    public @Nullable String getSource() {
        return this.source;
    }

    /**
     * What is wrong with a secret key.
     *
     * @since 0.1.0
     */
    public enum Reason {

        /** The master needs a key and none is configured. */
        MISSING,

        /** The key file cannot be read. */
        UNREADABLE,

        /** The key is not standard Base64 of 32, 48 or 64 bytes. */
        INVALID,

        /** The key is set both inline and as a file, so which one to use is unclear. */
        CONFLICT
    }
}
