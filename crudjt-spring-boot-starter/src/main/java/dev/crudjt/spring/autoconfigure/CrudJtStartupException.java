package dev.crudjt.spring.autoconfigure;

import dev.crudjt.CrudJtException;
import dev.crudjt.spring.autoconfigure.CrudJtProperties.Mode;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up when the auto-configured master cannot start or the client cannot reach
 * its master. It keeps the {@link dev.crudjt.CrudJtError} code of its cause and adds the mode
 * and the effective settings, so that failure analysis can name them.
 *
 * @since 0.1.0
 */
public class CrudJtStartupException extends CrudJtException {

    private static final long serialVersionUID = 1L;

    /** The mode that failed to start. */
    private final Mode mode;

    /** The gRPC address as host:port. */
    private final String address;

    private final transient @Nullable Path storePath;

    /**
     * Creates an exception for a failed start.
     *
     * @param mode the mode that was being started
     * @param address the gRPC address as {@code host:port} that was bound or connected to
     * @param storePath the configured store directory, or null for the default location
     * @param cause the failure reported by CRUDJT
     */
    public CrudJtStartupException(Mode mode, String address, @Nullable Path storePath,
            CrudJtException cause) {
        super(cause.error(), ((mode == Mode.MASTER) ? "Cannot start the CRUDJT master: "
                : "Cannot connect to the CRUDJT master: ") + cause.getMessage(), cause);
        this.mode = mode;
        this.address = address;
        this.storePath = storePath;
    }

    /**
     * Returns the mode that failed to start.
     *
     * @return the mode
     */
    public Mode getMode() {
        return this.mode;
    }

    /**
     * Returns the gRPC address that a master tried to bind or a client tried to reach.
     *
     * @return the address as {@code host:port}
     */
    public String getAddress() {
        return this.address;
    }

    /**
     * Returns the configured store directory of a master.
     *
     * @return the directory, or null when the default location applies or in client mode
     */
    public @Nullable Path getStorePath() {
        return this.storePath;
    }
}
