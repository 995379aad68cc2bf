package dev.crudjt.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtMaster;
import dev.crudjt.MasterOptions;
import dev.crudjt.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests of the store directory lookup order. */
class StoreLocationTests {

    @TempDir
    Path directory;

    @Test
    void explicitPathWinsOverEverything() {
        Path explicit = this.directory.resolve("explicit");

        Path resolved = StoreLocation.resolve(explicit, this.directory.resolve("system"),
                this.directory.resolve("fallback"));

        assertThat(resolved).isEqualTo(explicit.toAbsolutePath());
    }

    @Test
    void systemLocationIsCreatedAndUsedWhenWritable() {
        Path system = this.directory.resolve("var/lib/store_jt");

        Path resolved = StoreLocation.resolve(null, system, this.directory.resolve("fallback"));

        assertThat(resolved).isEqualTo(system.toAbsolutePath());
        assertThat(system).isDirectory();
    }

    @Test
    void systemDirectoriesFollowTheOperatingSystem() {
        assertThat(StoreLocation.systemDirectory("Linux")).hasToString("/var/lib/store_jt");
        assertThat(StoreLocation.systemDirectory("Mac OS X"))
                .hasToString("/usr/local/var/store_jt");
        assertThat(StoreLocation.systemDirectory("Windows 11").toString())
                .isEqualTo("C:\\Program Files\\store_jt");
        assertThat(StoreLocation.systemDirectory("Plan 9")).isNull();
    }

    /** The one test that uses the working directory; it removes what it creates. */
    @Test
    void workingDirectoryIsTheFallbackWhenTheSystemLocationCannotBeCreated() throws IOException {
        Path blocker = Files.writeString(this.directory.resolve("a-file"), "x");
        Path unusable = blocker.resolve("store_jt");
        Path fallback = Path.of(StoreLocation.FALLBACK_NAME);
        assertThat(fallback).as("working directory must not hold a store before the test")
                .doesNotExist();
        try {
            Path resolved = StoreLocation.resolve(null, unusable, fallback);
            try (CrudJtMaster master = CrudJt.startMaster(MasterOptions.builder()
                    .secretKey(TestKeys.randomKey(32)).storePath(resolved).grpcPort(0).build())) {
                master.create(Map.of("a", 1));

                assertThat(resolved).isEqualTo(
                        Path.of("").toAbsolutePath().resolve(StoreLocation.FALLBACK_NAME));
                assertThat(master.storeFile()).isRegularFile();
            }
        }
        finally {
            deleteRecursively(fallback);
        }
        assertThat(fallback).doesNotExist();
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
