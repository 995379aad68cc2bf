package dev.crudjt;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Runs the contract suite against a master in this process. */
class CrudJtMasterContractTests extends CrudJtContractTests {

    @TempDir
    Path directory;

    private CrudJtMaster master;

    @BeforeEach
    void startMaster() {
        this.master = CrudJt.startMaster(TestKeys.options(this.directory,
                TestKeys.randomKey(32)).build());
    }

    @AfterEach
    void closeMaster() {
        this.master.close();
    }

    @Override
    protected CrudJt crudJt() {
        return this.master;
    }
}
