package dev.crudjt.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crudjt.ClientOptions;
import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtClient;
import dev.crudjt.CrudJtError;
import dev.crudjt.CrudJtException;
import dev.crudjt.CrudJtMaster;
import dev.crudjt.Durability;
import dev.crudjt.MasterOptions;
import dev.crudjt.TestKeys;
import dev.crudjt.TokenRead;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs a master on a small tmpfs that the test fills up: writes must fail with
 * STORE_UNAVAILABLE instead of hanging or losing data, and the master must serve again once
 * space is freed.
 */
class DiskFullTests {

    private static final Duration CALL_LIMIT = Duration.ofSeconds(5);

    @TempDir
    Path directory;

    private final String key = TestKeys.randomKey(32);

    @ParameterizedTest
    @EnumSource(Durability.class)
    void fullDiskFailsCallsClearlyLosesNothingAndRecoversWhenSpaceIsFreed(Durability durability)
            throws Exception {
        Path mountPoint = Files.createDirectory(this.directory.resolve("small"));
        try (TmpfsMount mount = TmpfsMount.mount(mountPoint, 6 * 1024)) {
            Path store = mountPoint.resolve("store");
            Map<String, Map<String, Object>> kept = new LinkedHashMap<>();
            MasterOptions options = TestKeys.options(store, this.key).durability(durability)
                    .build();
            try (CrudJtMaster master = CrudJt.startMaster(options);
                    CrudJtClient client = CrudJt.connectToMaster(clientOptions(master))) {
                for (int i = 0; i < 200; i++) {
                    Map<String, Object> data = Map.of("before", i, "pad", "b".repeat(120));
                    kept.put(master.create(data), data);
                }
                Thread.sleep(400);
                Path filler = mountPoint.resolve("filler");
                TmpfsMount.fill(filler);

                CrudJtException failure = writeUntilRefused(master, kept);
                assertThat(failure.error()).isEqualTo(CrudJtError.STORE_UNAVAILABLE);
                assertThat(failure.getMessage()).contains(master.storeFile().toString())
                        .contains("No space left on device");
                String committed = kept.keySet().iterator().next();
                assertRefusedQuickly(() -> master.read(committed));
                assertRefusedQuickly(() -> client.create(Map.of("while", "full")));
                assertRefusedQuickly(() -> client.read(committed));
                try (CrudJtClient late = CrudJt.connectToMaster(clientOptions(master))) {
                    assertRefusedQuickly(() -> late.read(committed));
                }
                Thread.sleep(3 * options.commitInterval().toMillis());
                assertRefusedQuickly(() -> master.read(committed));

                Files.delete(filler);
                awaitServing(client);
                assertEveryTokenReads(client, kept);
            }
            try (CrudJtMaster reopened = CrudJt.startMaster(options);
                    CrudJtClient client = CrudJt.connectToMaster(clientOptions(reopened))) {
                assertEveryTokenReads(client, kept);
            }
        }
    }

    private static CrudJtException writeUntilRefused(CrudJtMaster master,
            Map<String, Map<String, Object>> kept) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (int i = 0; System.nanoTime() < deadline; i++) {
            Map<String, Object> data = Map.of("after", i, "pad", "a".repeat(150));
            long start = System.nanoTime();
            try {
                kept.put(master.create(data), data);
            }
            catch (CrudJtException ex) {
                return ex;
            }
            finally {
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("create %d", i)
                        .isLessThan(CALL_LIMIT);
            }
        }
        throw new AssertionError("writes to a full disk were never refused; "
                + kept.size() + " accepted");
    }

    private static void assertRefusedQuickly(Runnable call) {
        long start = System.nanoTime();
        CrudJtException ex = catchThrowableOfType(CrudJtException.class, call::run);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CALL_LIMIT);
        assertThat(ex).isNotNull();
        assertThat(ex.error()).isEqualTo(CrudJtError.STORE_UNAVAILABLE);
        assertThat(ex.getMessage()).contains("cannot be written");
    }

    private static void awaitServing(CrudJtClient client) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String token = client.create(Map.of("space", "back"));
                assertThat(client.read(token).data()).isEqualTo(Map.of("space", "back"));
                return;
            }
            catch (CrudJtException ex) {
                assertThat(ex.error()).isEqualTo(CrudJtError.STORE_UNAVAILABLE);
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the master did not serve again within 10 s of freeing space");
    }

    private static void assertEveryTokenReads(CrudJtClient client,
            Map<String, Map<String, Object>> kept) {
        kept.forEach((token, data) -> {
            TokenRead read = client.read(token);
            assertThat(read).as("token with %s", data.keySet()).isNotNull();
            assertThat(read.data()).isEqualTo(data);
        });
    }

    private static ClientOptions clientOptions(CrudJtMaster master) {
        return ClientOptions.builder().grpcHost("127.0.0.1")
                .grpcPort(master.grpcAddress().getPort()).timeout(CALL_LIMIT).build();
    }
}
