package dev.crudjt.spring.autoconfigure;

import dev.crudjt.CrudJtError;

/**
 * Explains a client that finds no master at its address.
 */
class CrudJtMasterUnavailableFailureAnalyzer extends CrudJtStartupFailureAnalyzer {

    CrudJtMasterUnavailableFailureAnalyzer() {
        super(CrudJtError.MASTER_UNAVAILABLE);
    }

    @Override
    String description(CrudJtStartupException cause) {
        return "CRUDJT runs as a client (no secret key is configured, or 'crudjt.mode' is "
                + "client), and no master answered at " + cause.getAddress() + ".";
    }

    @Override
    String action(CrudJtStartupException cause) {
        return String.format("Start the master first. Exactly one process on this host is the "
                + "master: a process becomes the master when a secret key is set in it, with "
                + "'crudjt.secret-key', 'crudjt.secret-key-file' or the CRUDJT_SECRET_KEY "
                + "environment variable (generate one with 'openssl rand -base64 48').%n"
                + "If the master is running, point this client at its address with "
                + "'crudjt.grpc.host' and 'crudjt.grpc.port' (now %s).", cause.getAddress());
    }
}
