package dev.crudjt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crudjt.grpc.TestMasters;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrudJtClientTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path directory;

    private CrudJtMaster master;

    private CrudJtClient client;

    private int port;

    @BeforeEach
    void connect() {
        this.master = TestMasters.startMaster(this.directory);
        this.port = this.master.grpcAddress().getPort();
        this.client = CrudJt.connectToMaster(TestMasters.clientOptions(this.port)
                .timeout(TIMEOUT).build());
    }

    @AfterEach
    void close() {
        this.client.close();
        this.master.close();
    }

    @Test
    void targetIsHostAndPort() {
        assertThat(this.client.target()).isEqualTo("127.0.0.1:" + this.port);
    }

    @Test
    void typesSurviveTheWire() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("int", 42);
        data.put("long", 5_000_000_000L);
        data.put("float", 2.5);
        data.put("text", "héllo ✓");
        data.put("flag", false);
        data.put("nothing", null);
        data.put("nested", Map.of("list", List.of(1, 2.25, "x", List.of(true)),
                "map", Map.of("k", "v")));

        String token = this.client.create(data);
        TokenRead read = this.client.read(token);

        assertThat(read).isNotNull();
        assertThat(read.data()).isEqualTo(data);
        assertThat(read.data().get("int")).isInstanceOf(Integer.class);
        assertThat(read.data().get("long")).isInstanceOf(Long.class);
        assertThat(read.data().get("float")).isInstanceOf(Double.class);
        assertThat(read.data()).isUnmodifiable();
    }

    @Test
    void readGivesTheSameResultAsInProcess() {
        String token = this.client.create(Map.of("user", 1), 600L, null);

        TokenRead remote = this.client.read(token);
        TokenRead local = this.master.read(token);

        assertThat(remote).isEqualTo(local);
        assertThat(remote.toMap()).isEqualTo(local.toMap());
        assertThat(remote.toMap()).containsOnlyKeys("metadata", "data");
    }

    @Test
    void tokensAreSharedWithTheMaster() {
        String fromClient = this.client.create(Map.of("by", "client"));
        String fromMaster = this.master.create(Map.of("by", "master"), null, 2L);

        assertThat(this.master.read(fromClient).data()).containsEntry("by", "client");
        assertThat(this.client.read(fromMaster).silenceRead()).isEqualTo(1L);
        assertThat(this.client.read(fromMaster).silenceRead()).isEqualTo(0L);
        assertThat(this.master.read(fromMaster)).isNull();
    }

    @Test
    void badArgumentsGetTheInProcessMessages() {
        Map<String, Object> data = Map.of("a", 1);

        assertSameFailure(() -> this.client.create(null), () -> this.master.create(null));
        assertSameFailure(() -> this.client.create(data, 0L, null),
                () -> this.master.create(data, 0L, null));
        assertSameFailure(() -> this.client.create(data, null, -3L),
                () -> this.master.create(data, null, -3L));
        assertSameFailure(() -> this.client.create(Map.of("x", Double.NaN)),
                () -> this.master.create(Map.of("x", Double.NaN)));
        assertSameFailure(() -> this.client.create(Map.of("d", new Object())),
                () -> this.master.create(Map.of("d", new Object())));
        assertSameFailure(() -> this.client.create(Map.of("s", "\uD800")),
                () -> this.master.create(Map.of("s", "\uD800")));
        assertSameFailure(() -> this.client.read(" "), () -> this.master.read(" "));
        assertSameFailure(() -> this.client.delete(null), () -> this.master.delete(null));
        assertSameFailure(() -> this.client.update("", data), () -> this.master.update("", data));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> this.client.create(data, Long.MAX_VALUE, null))
                .withMessageStartingWith("'ttl' of 9223372036854775807 seconds overflows the "
                        + "clock");
    }

    @Test
    void dataOverTheLimitGetsTheMastersMessage() {
        Map<String, Object> data = Map.of("text", "y".repeat(400));

        assertSameFailure(() -> this.client.create(data), () -> this.master.create(data));
    }

    @Test
    void theMastersLimitDecidesTheDataSize(@TempDir Path other) {
        Map<String, Object> data = Map.of("text", "z".repeat(900));
        try (CrudJtMaster large = CrudJt.startMaster(TestMasters.options(other, 0)
                .maxDataSize(1024).build());
                CrudJtClient largeClient = CrudJt.connectToMaster(TestMasters.clientOptions(
                        large.grpcAddress().getPort()).build())) {

            String token = largeClient.create(data);

            assertThat(largeClient.read(token).data()).isEqualTo(data);
        }
    }

    @Test
    void hugeDataIsRejectedAsAnArgument() {
        Map<String, Object> data = Map.of("text", "h".repeat(200_000));

        assertThatIllegalArgumentException().isThrownBy(() -> this.client.create(data))
                .withMessageStartingWith("The request is too large for the CRUDJT master at "
                        + "127.0.0.1:" + this.port);
        assertThat(this.client.create(Map.of("ok", 1))).isNotNull();
    }

    @Test
    void absentTokensReadAsNull() {
        assertThat(this.client.read("AAAAAAAAAAAAAAAAAAAAAA")).isNull();
        assertThat(this.client.update("short", Map.of("a", 1))).isFalse();
        assertThat(this.client.delete("AAAAAAAAAAAAAAAAAAAAAA")).isFalse();
    }

    @Test
    void manyThreadsShareOneClient() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int id = t;
            results.add(pool.submit(() -> roundTrips(id, 200)));
        }

        int total = 0;
        for (Future<Integer> result : results) {
            total += result.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(total).isEqualTo(8 * 200);
    }

    @Test
    void isMasterReachableFollowsTheMaster() {
        assertThat(this.client.isMasterReachable()).isTrue();

        this.master.close();
        long start = System.nanoTime();
        boolean whileDown = this.client.isMasterReachable();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(whileDown).isFalse();
        assertThat(took).isLessThan(TIMEOUT.plusMillis(500));
        this.master = CrudJt.startMaster(TestMasters.options(this.directory, this.port).build());
        assertThat(this.client.isMasterReachable()).isTrue();
    }

    @Test
    void callsFailFastWithMasterUnavailableWhileTheMasterIsDown() {
        this.master.close();

        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            CrudJtException ex = catchThrowableOfType(CrudJtException.class,
                    () -> this.client.read("AAAAAAAAAAAAAAAAAAAAAA"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(ex.error()).isEqualTo(CrudJtError.MASTER_UNAVAILABLE);
            assertThat(ex.getMessage()).contains("127.0.0.1:" + this.port)
                    .contains("secret key");
            assertThat(took).isLessThan(TIMEOUT);
        }
    }

    @Test
    void clientWorksAgainSoonAfterTheMasterRestarts() throws InterruptedException {
        String token = this.client.create(Map.of("kept", true));
        this.master.close();
        long outageEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        while (System.nanoTime() < outageEnd) {
            catchThrowableOfType(CrudJtException.class, () -> this.client.read(token));
            Thread.sleep(100);
        }

        this.master = CrudJt.startMaster(TestMasters.options(this.directory, this.port).build());
        long restarted = System.nanoTime();
        TokenRead read = pollUntilAnswered(token, Duration.ofSeconds(5));
        Duration recovered = Duration.ofNanos(System.nanoTime() - restarted);

        assertThat(read.data()).isEqualTo(Map.of("kept", true));
        assertThat(recovered).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void connectFailsWithMasterUnavailableWhenNoMasterRuns() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }
        ClientOptions options = TestMasters.clientOptions(freePort)
                .connectTimeout(Duration.ofMillis(600)).build();

        long start = System.nanoTime();
        CrudJtException ex = catchThrowableOfType(CrudJtException.class,
                () -> CrudJt.connectToMaster(options));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(ex.error()).isEqualTo(CrudJtError.MASTER_UNAVAILABLE);
        assertThat(ex.getMessage()).startsWith("No CRUDJT master answered at 127.0.0.1:"
                + freePort + " within PT0.6S").contains("setting a secret key in one process");
        assertThat(took).isBetween(Duration.ofMillis(500), Duration.ofSeconds(3));
    }

    @Test
    void connectWaitsForAMasterThatStartsLate(@TempDir Path other) throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }
        ExecutorService starter = Executors.newSingleThreadExecutor();
        Future<CrudJtMaster> late = starter.submit(() -> {
            Thread.sleep(700);
            return CrudJt.startMaster(TestMasters.options(other, freePort).build());
        });

        try (CrudJtClient waiting = CrudJt.connectToMaster(TestMasters.clientOptions(freePort)
                .build()); CrudJtMaster lateMaster = late.get(10, TimeUnit.SECONDS)) {

            assertThat(waiting.create(Map.of("late", true))).isNotNull();
            assertThat(lateMaster.tokenCount()).isEqualTo(1);
        }
        finally {
            starter.shutdownNow();
        }
    }

    @Test
    void callsAfterCloseThrowIllegalStateException() {
        this.client.close();

        assertThatIllegalStateException().isThrownBy(() -> this.client.read("token"))
                .withMessage("CRUDJT client for 127.0.0.1:" + this.port + " is closed");
        assertThatIllegalStateException().isThrownBy(() -> this.client.create(Map.of()))
                .withMessageContaining("is closed");
        assertThat(this.client.isMasterReachable()).isFalse();
        this.client.close();
    }

    @Test
    void callsRacingCloseGetAnswersOrIllegalStateException() throws Exception {
        String token = this.client.create(Map.of("a", 1));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            results.add(pool.submit(() -> readUntilFailure(token)));
        }
        Thread.sleep(200);

        this.client.close();

        List<String> outcomes = new ArrayList<>();
        for (Future<List<String>> result : results) {
            outcomes.addAll(result.get(20, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(outcomes).contains("data", "IllegalStateException")
                .containsOnly("data", "IllegalStateException");
    }

    private List<String> readUntilFailure(String token) {
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i++) {
            try {
                outcomes.add((this.client.read(token) != null) ? "data" : "absent");
            }
            catch (RuntimeException ex) {
                outcomes.add(ex.getClass().getSimpleName());
                break;
            }
        }
        return outcomes;
    }

    private TokenRead pollUntilAnswered(String token, Duration limit)
            throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            try {
                return this.client.read(token);
            }
            catch (CrudJtException ex) {
                assertThat(ex.error()).isEqualTo(CrudJtError.MASTER_UNAVAILABLE);
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the client did not reach the restarted master within "
                + limit);
    }

    private int roundTrips(int id, int count) {
        int done = 0;
        for (int i = 0; i < count; i++) {
            Map<String, Object> data = Map.of("thread", id, "i", i);
            String token = this.client.create(data, null, 3L);
            TokenRead read = this.client.read(token);
            if (read != null && read.data().equals(data) && read.silenceRead() == 2L
                    && this.client.update(token, Map.of("done", true))
                    && this.client.delete(token)) {
                done++;
            }
        }
        return done;
    }

    private static void assertSameFailure(ThrowingCallable remote, ThrowingCallable local) {
        IllegalArgumentException expected = catchThrowableOfType(
                IllegalArgumentException.class, local);

        assertThat(expected).as("in-process call fails").isNotNull();
        assertThatIllegalArgumentException().isThrownBy(remote)
                .withMessage(expected.getMessage());
    }
}
