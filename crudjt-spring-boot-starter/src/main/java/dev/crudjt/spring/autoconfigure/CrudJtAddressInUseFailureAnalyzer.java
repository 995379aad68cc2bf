package dev.crudjt.spring.autoconfigure;

import dev.crudjt.CrudJtError;

/**
 * Explains a master that cannot bind its gRPC address.
 */
class CrudJtAddressInUseFailureAnalyzer extends CrudJtStartupFailureAnalyzer {

    CrudJtAddressInUseFailureAnalyzer() {
        super(CrudJtError.ADDRESS_IN_USE);
    }

    @Override
    String description(CrudJtStartupException cause) {
        return "The CRUDJT master cannot listen on " + cause.getAddress() + ": " + detail(cause);
    }

    @Override
    String action(CrudJtStartupException cause) {
        return "Stop the process that listens on " + cause.getAddress() + ", or set "
                + "'crudjt.grpc.port' to a free port and point the clients at the same port. If "
                + "that process is another CRUDJT master, make this process its client with "
                + "'crudjt.mode=client'.";
    }
}
