package dev.crudjt;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Runs the contract suite against a client talking to a master over loopback gRPC. */
class CrudJtClientContractTests extends CrudJtContractTests {

    @TempDir
    Path directory;

    private CrudJtMaster master;

    private CrudJtClient client;

    @BeforeEach
    void connect() {
        this.master = CrudJt.startMaster(TestKeys.options(this.directory,
                TestKeys.randomKey(32)).build());
        this.client = CrudJt.connectToMaster(ClientOptions.builder()
                .grpcHost("127.0.0.1")
                .grpcPort(this.master.grpcAddress().getPort())
                .build());
    }

    @AfterEach
    void close() {
        this.client.close();
        this.master.close();
    }

    @Override
    protected CrudJt crudJt() {
        return this.client;
    }
}
