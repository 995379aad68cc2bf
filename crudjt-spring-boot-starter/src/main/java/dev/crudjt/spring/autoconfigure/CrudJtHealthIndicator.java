package dev.crudjt.spring.autoconfigure;

import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtClient;
import dev.crudjt.CrudJtMaster;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the health of CRUDJT: a master is up while its store is open, with the store file and
 * the token count; a client is up while its master answers, with the master's address.
 */
final class CrudJtHealthIndicator extends AbstractHealthIndicator {

    private final CrudJt crudJt;

    CrudJtHealthIndicator(CrudJt crudJt) {
        super("CRUDJT health check failed");
        this.crudJt = crudJt;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (this.crudJt instanceof CrudJtMaster master) {
            builder.withDetail("mode", "master")
                    .withDetail("storeFile", master.storeFile().toString());
            if (master.isOpen()) {
                builder.up().withDetail("tokens", master.tokenCount());
            }
            else {
                builder.down();
            }
        }
        else if (this.crudJt instanceof CrudJtClient client) {
            builder.withDetail("mode", "client").withDetail("master", client.target());
            if (client.isMasterReachable()) {
                builder.up();
            }
            else {
                builder.down();
            }
        }
        else {
            builder.unknown().withDetail("type", this.crudJt.getClass().getName());
        }
    }
}
