package dev.crudjt.spring.autoconfigure;

import dev.crudjt.CrudJtError;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Base of the analyzers that explain one {@link CrudJtError} of a failed start.
 */
abstract class CrudJtStartupFailureAnalyzer
        extends AbstractFailureAnalyzer<CrudJtStartupException> {

    private final CrudJtError error;

    CrudJtStartupFailureAnalyzer(CrudJtError error) {
        this.error = error;
    }

    @Override
    protected final @Nullable FailureAnalysis analyze(Throwable rootFailure,
            CrudJtStartupException cause) {
        if (cause.error() != this.error) {
            return null;
        }
        return new FailureAnalysis(description(cause), action(cause), cause);
    }

    /**
     * Returns the fact that stopped the start.
     *
     * @param cause the failure
     * @return the description
     */
    abstract String description(CrudJtStartupException cause);

    /**
     * Returns what to change, naming the property.
     *
     * @param cause the failure
     * @return the action
     */
    abstract String action(CrudJtStartupException cause);

    /**
     * Returns the message of the CRUDJT failure behind a failed start.
     *
     * @param cause the failure
     * @return the message of its cause
     */
    static String detail(CrudJtStartupException cause) {
        Throwable detail = (cause.getCause() != null) ? cause.getCause() : cause;
        return String.valueOf(detail.getMessage());
    }
}
