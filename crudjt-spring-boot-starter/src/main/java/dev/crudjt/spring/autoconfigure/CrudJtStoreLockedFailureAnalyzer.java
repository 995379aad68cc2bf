package dev.crudjt.spring.autoconfigure;

import dev.crudjt.CrudJtError;

/**
 * Explains a master whose store file is held by another master.
 */
class CrudJtStoreLockedFailureAnalyzer extends CrudJtStartupFailureAnalyzer {

    CrudJtStoreLockedFailureAnalyzer() {
        super(CrudJtError.STORE_LOCKED);
    }

    @Override
    String description(CrudJtStartupException cause) {
        return "The CRUDJT master cannot open its store because another master holds it: "
                + detail(cause);
    }

    @Override
    String action(CrudJtStartupException cause) {
        return "Only one master can hold a store. Make this process a client of the running "
                + "master by setting 'crudjt.mode=client' (its secret key is then ignored), or "
                + "give this master a store of its own with 'crudjt.store.path'.";
    }
}
