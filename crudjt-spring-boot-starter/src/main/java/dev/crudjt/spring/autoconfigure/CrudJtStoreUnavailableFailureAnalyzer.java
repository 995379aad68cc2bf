package dev.crudjt.spring.autoconfigure;

import dev.crudjt.CrudJtError;

/**
 * Explains a master whose store file cannot be created, opened or written.
 */
class CrudJtStoreUnavailableFailureAnalyzer extends CrudJtStartupFailureAnalyzer {

    CrudJtStoreUnavailableFailureAnalyzer() {
        super(CrudJtError.STORE_UNAVAILABLE);
    }

    @Override
    String description(CrudJtStartupException cause) {
        return "The CRUDJT master cannot open its store: " + detail(cause);
    }

    @Override
    String action(CrudJtStartupException cause) {
        String directory = (cause.getStorePath() != null)
                ? "'" + cause.getStorePath() + "'" : "(the default location)";
        return "Make sure this process can create and write the store directory " + directory
                + ", or set 'crudjt.store.path' to a writable directory.";
    }
}
