package dev.crudjt.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtClient;
import dev.crudjt.CrudJtError;
import dev.crudjt.CrudJtException;
import dev.crudjt.TokenRead;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiProcessTests {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path directory;

    private final List<ChildJvm> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        this.children.forEach(ChildJvm::close);
    }

    @Test
    void silenceReadIsExactAcrossTwoClientProcesses() throws IOException {
        int port = startMaster(0);
        try (CrudJtClient client = connect(port)) {
            String token = client.create(Map.of("secret", "once"), null, 10L);
            ChildJvm first = start(ClientProcessMain.class, port, token, 16, 3);
            ChildJvm second = start(ClientProcessMain.class, port, token, 16, 3);
            first.awaitLine("READY", START_TIMEOUT);
            second.awaitLine("READY", START_TIMEOUT);

            first.send("GO");
            second.send("GO");
            int successes = Integer.parseInt(first.awaitLine("SUCCESSES ", START_TIMEOUT))
                    + Integer.parseInt(second.awaitLine("SUCCESSES ", START_TIMEOUT));
            int failures = Integer.parseInt(first.awaitLine("FAILURES ", START_TIMEOUT))
                    + Integer.parseInt(second.awaitLine("FAILURES ", START_TIMEOUT));

            assertThat(successes).isEqualTo(10);
            assertThat(failures).isZero();
            assertThat(client.read(token)).isNull();
        }
    }

    @Test
    void clientRecoversWhenTheMasterIsKilledAndRestarted() throws Exception {
        ChildJvm master = startMasterProcess(0);
        int port = Integer.parseInt(master.awaitLine(MasterProcessMain.PORT_LINE,
                START_TIMEOUT));
        try (CrudJtClient client = connect(port)) {
            Map<String, Map<String, Object>> tokens = createTokens(client, 20);
            Thread.sleep(600);
            String probe = tokens.keySet().iterator().next();
            Poller poller = new Poller(client, probe);
            poller.start();
            Thread.sleep(300);

            master.kill();
            long killed = System.nanoTime();
            Thread.sleep(1500);
            ChildJvm restarted = startMasterProcess(port);
            restarted.awaitLine(MasterProcessMain.PORT_LINE, START_TIMEOUT);
            long serving = System.nanoTime();
            Thread.sleep(2500);
            poller.finish();

            List<Outcome> outcomes = poller.outcomes();
            assertThat(outcomes).allSatisfy(outcome -> {
                assertThat(outcome.result()).isIn("data", "unavailable");
                assertThat(outcome.took()).isLessThan(CALL_TIMEOUT.plusMillis(200));
            });
            assertThat(outcomes).filteredOn(o -> o.at() > killed && o.at() < serving)
                    .isNotEmpty().allSatisfy(o -> assertThat(o.result()).isEqualTo(
                            "unavailable"));
            Outcome recovered = outcomes.stream()
                    .filter(o -> o.at() > serving && o.result().equals("data"))
                    .findFirst().orElseThrow();
            assertThat(Duration.ofNanos(recovered.at() - serving))
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(outcomes).filteredOn(o -> o.at() > recovered.at())
                    .allSatisfy(o -> assertThat(o.result()).isEqualTo("data"));
            for (Map.Entry<String, Map<String, Object>> entry : tokens.entrySet()) {
                TokenRead read = client.read(entry.getKey());
                assertThat(read).isNotNull();
                assertThat(read.data()).isEqualTo(entry.getValue());
            }
        }
    }

    @Test
    void syncMasterKeepsEveryAcknowledgedWriteWhenKilled() throws Exception {
        ChildJvm master = start(MasterProcessMain.class, this.directory, 0, 256, "SYNC");
        int port = Integer.parseInt(master.awaitLine(MasterProcessMain.PORT_LINE,
                START_TIMEOUT));
        Map<String, Map<String, Object>> tokens = new ConcurrentHashMap<>();
        try (CrudJtClient client = connect(port)) {
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                Thread writer = new Thread(() -> {
                    for (int i = 0; i < 25; i++) {
                        Map<String, Object> data = Map.of("writer", id, "i", i);
                        tokens.put(client.create(data), data);
                    }
                });
                writer.start();
                writers.add(writer);
            }
            for (Thread writer : writers) {
                writer.join(30_000);
            }

            master.kill();
        }
        int restartedPort = startMaster(0);

        try (CrudJtClient client = connect(restartedPort)) {
            assertThat(tokens).hasSize(8 * 25);
            for (Map.Entry<String, Map<String, Object>> entry : tokens.entrySet()) {
                assertThat(client.read(entry.getKey())).as("token %s", entry.getKey())
                        .isNotNull().extracting(TokenRead::data).isEqualTo(entry.getValue());
            }
        }
    }

    private Map<String, Map<String, Object>> createTokens(CrudJtClient client, int count) {
        Map<String, Map<String, Object>> tokens = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> data = Map.of("n", i, "name", "token-" + i, "ratio", i / 4.0);
            tokens.put(client.create(data, 3600L, null), data);
        }
        return tokens;
    }

    private int startMaster(int port) throws IOException {
        return Integer.parseInt(startMasterProcess(port).awaitLine(MasterProcessMain.PORT_LINE,
                START_TIMEOUT));
    }

    private ChildJvm startMasterProcess(int port) throws IOException {
        return start(MasterProcessMain.class, this.directory, port);
    }

    private ChildJvm start(Class<?> mainClass, Object... args) throws IOException {
        String[] text = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            text[i] = String.valueOf(args[i]);
        }
        ChildJvm child = ChildJvm.start(mainClass, text);
        this.children.add(child);
        return child;
    }

    private static CrudJtClient connect(int port) {
        return CrudJt.connectToMaster(TestMasters.clientOptions(port).timeout(CALL_TIMEOUT)
                .connectTimeout(START_TIMEOUT).build());
    }

    /** What one read of the poller saw, when it started and how long it took. */
    private record Outcome(long at, Duration took, String result) {
    }

    /** Reads one token every 50 ms and records every outcome. */
    private static final class Poller extends Thread {

        private final CrudJtClient client;

        private final String token;

        private final AtomicBoolean running = new AtomicBoolean(true);

        private final List<Outcome> outcomes = new ArrayList<>();

        Poller(CrudJtClient client, String token) {
            super("crudjt-poller");
            this.client = client;
            this.token = token;
        }

        @Override
        public void run() {
            while (this.running.get()) {
                long start = System.nanoTime();
                String result;
                try {
                    result = (this.client.read(this.token) != null) ? "data" : "absent";
                }
                catch (CrudJtException ex) {
                    result = (ex.error() == CrudJtError.MASTER_UNAVAILABLE) ? "unavailable"
                            : "error " + ex.error();
                }
                catch (RuntimeException ex) {
                    result = "exception " + ex;
                }
                synchronized (this.outcomes) {
                    this.outcomes.add(new Outcome(start,
                            Duration.ofNanos(System.nanoTime() - start), result));
                }
                try {
                    Thread.sleep(50);
                }
                catch (InterruptedException ex) {
                    return;
                }
            }
        }

        void finish() throws InterruptedException {
            this.running.set(false);
            join(10_000);
        }

        List<Outcome> outcomes() {
            synchronized (this.outcomes) {
                return List.copyOf(this.outcomes);
            }
        }
    }
}
