package dev.crudjt.spring.autoconfigure;

import dev.crudjt.spring.autoconfigure.CrudJtKeyException.Reason;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a secret key that is set both inline and as a file, where CRUDJT will not guess
 * which of the two to use.
 */
class CrudJtKeyConflictFailureAnalyzer extends AbstractFailureAnalyzer<CrudJtKeyException> {

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, CrudJtKeyException cause) {
        if (cause.getReason() != Reason.CONFLICT) {
            return null;
        }
        return new FailureAnalysis("A CRUDJT secret key is set both in "
                + SecretKeyResolver.quote(String.valueOf(cause.getSource()))
                + " and in 'crudjt.secret-key-file', so it is unclear which one to use.",
                "Set the key in one place only: remove either 'crudjt.secret-key' (and the "
                + "CRUDJT_SECRET_KEY environment variable) or 'crudjt.secret-key-file'.", cause);
    }
}
