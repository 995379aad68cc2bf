package dev.crudjt.spring.autoconfigure;

import dev.crudjt.spring.autoconfigure.CrudJtKeyException.Reason;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a master that has no secret key, an invalid one or an unreadable key file, and
 * shows how to set one. Neither text ever contains the key.
 */
class CrudJtKeyFailureAnalyzer extends AbstractFailureAnalyzer<CrudJtKeyException> {

    static final String KEY_HELP = String.format("Generate a key with 'openssl rand -base64 48'"
            + " and give it to this process in one of these ways:%n"
            + "    - the property 'crudjt.secret-key'%n"
            + "    - the environment variable CRUDJT_SECRET_KEY%n"
            + "    - the property 'crudjt.secret-key-file', naming a file that holds the key, such"
            + " as a mounted secret%n"
            + "If this process should use a master that runs in another process instead, set "
            + "'crudjt.mode=client'.");

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, CrudJtKeyException cause) {
        if (cause.getReason() == Reason.MISSING) {
            return new FailureAnalysis("CRUDJT runs as a master because 'crudjt.mode' is master,"
                    + " and a master needs a secret key, but none is configured.", KEY_HELP,
                    cause);
        }
        if (cause.getReason() == Reason.INVALID) {
            return new FailureAnalysis(cause.getMessage() + ".", String.format("Replace the key"
                    + " in %s with standard Base64 of 32, 48 or 64 random bytes.%n%s",
                    cause.getSource(), KEY_HELP), cause);
        }
        if (cause.getReason() == Reason.UNREADABLE) {
            return new FailureAnalysis(cause.getMessage() + ".", String.format("Make sure the "
                    + "file named by 'crudjt.secret-key-file' exists and this process can read "
                    + "it.%n%s", KEY_HELP), cause);
        }
        return null;
    }
}
