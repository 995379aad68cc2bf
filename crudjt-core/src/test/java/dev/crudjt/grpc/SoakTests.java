package dev.crudjt.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtClient;
import dev.crudjt.TokenRead;
import dev.crudjt.json.JsonCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master and three client JVMs with eight threads each run a mix of every operation with and
 * without limits, while the test hands out shared read-limited tokens that all three read at
 * once. Runs 60 seconds, or 5 minutes with {@code -Dcrudjt.reliability.long=true}.
 */
class SoakTests {

    private static final boolean LONG = Boolean.getBoolean("crudjt.reliability.long");

    private static final Duration DURATION = LONG ? Duration.ofMinutes(5)
            : Duration.ofSeconds(60);

    private static final long SEED = Long.getLong("crudjt.soak.seed", 0x50A4_2026L);

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void threeClientProcessesKeepEveryInvariantUnderAMixedLoad() throws Exception {
        System.out.println("soak: seed " + SEED + ", " + DURATION);
        Random random = new Random(SEED);
        List<ChildJvm> children = new ArrayList<>();
        long testChecks = 0;
        try {
            ChildJvm master = start(children, MasterProcessMain.class, this.directory, 0);
            int port = Integer.parseInt(master.awaitLine(MasterProcessMain.PORT_LINE,
                    START_TIMEOUT));
            List<ChildJvm> clients = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                clients.add(start(children, SoakClientMain.class, port, 8, random.nextLong()));
            }
            for (ChildJvm client : clients) {
                client.awaitLine("READY", START_TIMEOUT);
            }
            Map<String, Integer> limits = new LinkedHashMap<>();
            List<Report> reports = new ArrayList<>();
            try (CrudJtClient coordinator = connect(port)) {
                for (ChildJvm client : clients) {
                    client.send("GO");
                }
                handOutSharedTokens(coordinator, clients, limits, random);
                for (ChildJvm client : clients) {
                    client.send("END");
                }
                for (ChildJvm client : clients) {
                    reports.add(Report.parse(client.linesUntil("DONE", Duration.ofMinutes(2))));
                }
                for (Map.Entry<String, Integer> entry : limits.entrySet()) {
                    int reads = reports.stream().mapToInt((report) -> report.sharedReads
                            .getOrDefault(entry.getKey(), 0)).sum();
                    assertThat(reads).as("reads of %s with silence_read %d across three "
                            + "processes", entry.getKey(), entry.getValue())
                            .isEqualTo(entry.getValue());
                    assertThat(coordinator.read(entry.getKey())).isNull();
                    testChecks += 2;
                }
            }
            for (Report report : reports) {
                assertThat(report.violations).isEmpty();
                assertThat(report.failures).isZero();
            }
            master.stop(Duration.ofSeconds(30));
            testChecks += checkAfterRestart(children, reports, limits);

            long clientChecks = reports.stream().mapToLong((report) -> report.checks).sum();
            System.out.println("soak: " + (clientChecks + testChecks) + " invariant checks ("
                    + clientChecks + " in the clients, " + testChecks + " in the test), "
                    + limits.size() + " shared tokens, 0 failed calls");
            assertThat(clientChecks).isGreaterThan(1_000);
        }
        finally {
            children.forEach(ChildJvm::close);
        }
    }

    private static void handOutSharedTokens(CrudJtClient coordinator, List<ChildJvm> clients,
            Map<String, Integer> limits, Random random) throws IOException, InterruptedException {
        long end = System.nanoTime() + DURATION.toNanos();
        while (System.nanoTime() < end) {
            StringBuilder line = new StringBuilder("SHARED");
            for (int i = 0; i < 20; i++) {
                int limit = 1 + random.nextInt(8);
                Long ttl = random.nextBoolean() ? 600L : null;
                String token = coordinator.create(Map.of("shared", i, "limit", limit), ttl,
                        (long) limit);
                limits.put(token, limit);
                line.append(' ').append(token).append(':').append(limit);
            }
            for (ChildJvm client : clients) {
                client.send(line.toString());
            }
            Thread.sleep(100);
        }
    }

    private long checkAfterRestart(List<ChildJvm> children, List<Report> reports,
            Map<String, Integer> limits) throws IOException {
        ChildJvm restarted = start(children, MasterProcessMain.class, this.directory, 0);
        int port = Integer.parseInt(restarted.awaitLine(MasterProcessMain.PORT_LINE,
                START_TIMEOUT));
        long checks = 0;
        try (CrudJtClient client = connect(port)) {
            for (Report report : reports) {
                for (String token : report.dead) {
                    assertThat(client.read(token)).as("dead token %s after restart", token)
                            .isNull();
                    checks++;
                }
                for (Map.Entry<String, Map<String, Object>> entry : report.live.entrySet()) {
                    TokenRead read = client.read(entry.getKey());
                    assertThat(read).as("live token %s after restart", entry.getKey())
                            .isNotNull();
                    assertThat(read.data()).isEqualTo(entry.getValue());
                    checks++;
                }
            }
            for (String token : limits.keySet()) {
                assertThat(client.read(token)).isNull();
                checks++;
            }
        }
        restarted.stop(Duration.ofSeconds(30));
        return checks;
    }

    private static ChildJvm start(List<ChildJvm> children, Class<?> main, Object... args)
            throws IOException {
        String[] text = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            text[i] = String.valueOf(args[i]);
        }
        ChildJvm child = ChildJvm.start(main, text);
        children.add(child);
        return child;
    }

    private static CrudJtClient connect(int port) {
        return CrudJt.connectToMaster(TestMasters.clientOptions(port)
                .timeout(Duration.ofSeconds(10)).connectTimeout(START_TIMEOUT).build());
    }

    /** The tallies one client process printed. */
    private static final class Report {

        final Map<String, Integer> sharedReads = new HashMap<>();

        final List<String> dead = new ArrayList<>();

        final Map<String, Map<String, Object>> live = new LinkedHashMap<>();

        final List<String> violations = new ArrayList<>();

        long checks;

        long failures = -1;

        @SuppressWarnings("unchecked")
        static Report parse(List<String> lines) throws IOException {
            Report report = new Report();
            for (String line : lines) {
                if (line.startsWith("SHARED_READS")) {
                    for (String item : line.substring(12).trim().split(" ")) {
                        if (!item.isEmpty()) {
                            String[] parts = item.split("=");
                            report.sharedReads.put(parts[0], Integer.parseInt(parts[1]));
                        }
                    }
                }
                else if (line.startsWith("DEAD ")) {
                    report.dead.add(line.substring(5));
                }
                else if (line.startsWith("LIVE ")) {
                    int space = line.indexOf(' ', 5);
                    report.live.put(line.substring(5, space), JsonCodec.normalize(
                            JSON.readValue(line.substring(space + 1), Map.class)));
                }
                else if (line.startsWith("CHECKS ")) {
                    report.checks = Long.parseLong(line.substring(7));
                }
                else if (line.startsWith("FAILURES ")) {
                    report.failures = Long.parseLong(line.substring(9));
                }
                else if (line.startsWith("VIOLATION ")) {
                    report.violations.add(line.substring(10));
                }
            }
            return report;
        }
    }
}
