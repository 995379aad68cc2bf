package dev.crudjt.grpc;

import dev.crudjt.ClientOptions;
import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtClient;
import dev.crudjt.json.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the throughput of a client against a master in another JVM over loopback. Not a
 * unit test: it runs for about a minute and prints figures instead of asserting them.
 *
 * <p>This JVM is the client. It starts a master in a child JVM with a store in a temporary
 * directory, then, for 1 and for 8 threads, has each thread do 40,000 creates, then 40,000 reads,
 * 40,000 updates and 40,000 deletes of its own tokens, with a payload of about 250 bytes of JSON
 * (a nested map, integers and strings). Threads start each phase together; ops/s is the total
 * operations of a phase divided by its wall time. A warm-up round runs first, and the figures
 * printed at the end are the medians of the measured rounds.
 *
 * <p>Run it from the repository root:
 *
 * <pre>
 * mvn -q -pl crudjt-core -am test-compile
 * mvn -q -o -pl crudjt-core dependency:build-classpath -Dmdep.outputFile=/tmp/crudjt.cp
 * java -cp crudjt-core/target/test-classes:crudjt-core/target/classes:$(cat /tmp/crudjt.cp) \
 *     dev.crudjt.grpc.RemoteThroughputHarness [rounds] [opsPerThread]
 * </pre>
 *
 * <p>With {@code -pl crudjt-core} alone, the proto classes come from the local repository;
 * add {@code proto/target/classes} in front of the class path to use the tree's own build.
 */
public final class RemoteThroughputHarness {

    private static final String[] OPERATIONS = {"create", "read", "update", "delete"};

    private RemoteThroughputHarness() {
    }

    /**
     * Runs the measurement.
     *
     * @param args the number of measured rounds (default 3) and the operations per thread and
     *     phase (default 40,000)
     * @throws Exception when the master cannot be started or a call fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 3;
        int perThread = (args.length > 1) ? Integer.parseInt(args[1]) : 40_000;
        Path directory = Files.createTempDirectory("crudjt-throughput");
        try (ChildJvm master = ChildJvm.start(List.of("-Xmx1g", "-XX:+UseParallelGC"),
                MasterProcessMain.class, directory.toString(), "0", "1024")) {
            int port = Integer.parseInt(master.awaitLine(MasterProcessMain.PORT_LINE,
                    Duration.ofSeconds(30)));
            ClientOptions options = ClientOptions.builder().grpcHost("127.0.0.1").grpcPort(port)
                    .build();
            try (CrudJtClient client = CrudJt.connectToMaster(options)) {
                System.out.printf(Locale.ROOT, "payload: %d bytes of JSON%n",
                        JsonCodec.toJson(payload(0)).length());
                run(client, 8, Math.max(1000, perThread / 4), "warm-up");
                Map<Integer, List<double[]>> results = new LinkedHashMap<>();
                for (int threads : new int[] {1, 8}) {
                    results.put(threads, new ArrayList<>());
                    for (int round = 1; round <= rounds; round++) {
                        results.get(threads).add(run(client, threads, perThread,
                                "round " + round));
                    }
                }
                printMedians(results);
            }
            master.stop(Duration.ofSeconds(30));
        }
        finally {
            deleteTree(directory);
        }
    }

    private static double[] run(CrudJtClient client, int threads, int perThread, String label)
            throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(threads + 1);
        AtomicLong failures = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread worker = new Thread(() -> work(client, id, perThread, barrier, failures),
                    "bench-" + t);
            worker.start();
            workers.add(worker);
        }
        double[] opsPerSecond = new double[OPERATIONS.length];
        for (int phase = 0; phase < OPERATIONS.length; phase++) {
            barrier.await();
            long start = System.nanoTime();
            barrier.await();
            double seconds = (System.nanoTime() - start) / 1e9;
            opsPerSecond[phase] = threads * (double) perThread / seconds;
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " operations failed");
        }
        System.out.printf(Locale.ROOT, "%-8s %d thread(s): %s%n", label, threads,
                format(opsPerSecond));
        return opsPerSecond;
    }

    private static void work(CrudJtClient client, int id, int count, CyclicBarrier barrier,
            AtomicLong failures) {
        try {
            String[] tokens = new String[count];
            Map<String, Object> data = payload(id);
            Map<String, Object> updated = payload(id + 1);
            barrier.await();
            for (int i = 0; i < count; i++) {
                tokens[i] = client.create(data, 3600L, null);
            }
            barrier.await();
            barrier.await();
            for (int i = 0; i < count; i++) {
                if (client.read(tokens[i]) == null) {
                    failures.incrementAndGet();
                }
            }
            barrier.await();
            barrier.await();
            for (int i = 0; i < count; i++) {
                if (!client.update(tokens[i], updated, 3600L, null)) {
                    failures.incrementAndGet();
                }
            }
            barrier.await();
            barrier.await();
            for (int i = 0; i < count; i++) {
                if (!client.delete(tokens[i])) {
                    failures.incrementAndGet();
                }
            }
            barrier.await();
        }
        catch (Exception ex) {
            failures.incrementAndGet();
            throw new IllegalStateException(ex);
        }
    }

    /** About 250 bytes of JSON: a nested map, integers and strings. */
    private static Map<String, Object> payload(int seed) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("name", "user-" + (100_000 + seed));
        profile.put("email", "user" + (100_000 + seed) + "@example.test");
        profile.put("roles", List.of("reader", "writer"));
        profile.put("age", 30 + seed % 40);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", 1_000_000 + seed);
        data.put("session", "s-3f9a1c7e5b2d4a6f8e0c1b3d5f7a9c2e");
        data.put("profile", profile);
        data.put("login_count", 12_345);
        data.put("flags", Map.of("beta", true, "mfa", false));
        data.put("locale", "en-GB");
        return data;
    }

    private static void printMedians(Map<Integer, List<double[]>> results) {
        System.out.println("medians (ops/s):");
        for (Map.Entry<Integer, List<double[]>> entry : results.entrySet()) {
            double[] medians = new double[OPERATIONS.length];
            for (int op = 0; op < OPERATIONS.length; op++) {
                int index = op;
                double[] values = entry.getValue().stream().mapToDouble(r -> r[index])
                        .sorted().toArray();
                medians[op] = values[values.length / 2];
            }
            System.out.printf(Locale.ROOT, "  %d thread(s): %s%n", entry.getKey(),
                    format(medians));
        }
    }

    private static String format(double[] opsPerSecond) {
        StringBuilder text = new StringBuilder();
        for (int op = 0; op < OPERATIONS.length; op++) {
            text.append(String.format(Locale.ROOT, "%s %,9.0f  ", OPERATIONS[op],
                    opsPerSecond[op]));
        }
        return text.toString().trim();
    }

    private static void deleteTree(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException ex) {
            System.err.println("Cannot delete " + directory + ": " + ex.getMessage());
        }
    }
}
