package dev.crudjt.sample.keyfile;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains why the sample app will not create a new key next to a store that holds tokens, and
 * lists the ways to go on: restore the key, configure it, or start over with an empty store.
 */
class MissingKeyFileFailureAnalyzer extends AbstractFailureAnalyzer<MissingKeyFileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingKeyFileException cause) {
        return new FailureAnalysis(cause.getMessage() + ". A new key would make every session "
                + "in the store unreadable, so no key file is created.", String.format(
                "Do one of these:%n"
                + "    - restore the key file '%s' from a backup of the store directory%n"
                + "    - set the key that wrote the store with 'crudjt.secret-key', the "
                + "environment variable CRUDJT_SECRET_KEY or 'crudjt.secret-key-file'%n"
                + "    - to start fresh without the old sessions, move the store file '%s' "
                + "away; a new key file is then created", cause.getKeyFile(),
                cause.getStoreFile()), cause);
    }
}
