package dev.crudjt;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Unchecked failure of the store or of the link to the master, carrying a {@link CrudJtError}
 * code so that callers can branch without parsing the message.
 *
 * <p>Bad arguments are never reported this way: they raise {@link IllegalArgumentException}. A
 * missing or expired token is a normal result, not an exception.
 *
 * @since 0.1.0
 */
public class CrudJtException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final CrudJtError error;

    /**
     * Creates an exception with a code and a message.
     *
     * @param error the failure code
     * @param message what went wrong and, where possible, how to fix it
     */
    public CrudJtException(CrudJtError error, String message) {
        this(error, message, null);
    }

    /**
     * Creates an exception with a code, a message and the underlying cause.
     *
     * @param error the failure code
     * @param message what went wrong and, where possible, how to fix it
     * @param cause the underlying failure, or null
     */
    public CrudJtException(CrudJtError error, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.error = Objects.requireNonNull(error, "'error' must not be null");
    }

    /**
     * Returns the code of this failure.
     *
     * @return the failure code, never null
     */
    public CrudJtError error() {
        return this.error;
    }
}
