package dev.crudjt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Prints single-thread in-process figures: seconds for 40,000 creates, cached reads, updates and
 * deletes of a payload of about 256 bytes, median, min and max of 10 runs after a warm-up.
 *
 * <p>Run from the project root:
 * <pre>
 * mvn -q -pl crudjt-core -am test-compile
 * mvn -q -pl crudjt-core dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * CP=crudjt-core/target/classes:crudjt-core/target/test-classes
 * java -cp $CP:$(cat crudjt-core/target/cp.txt) \
 *     dev.crudjt.InProcessHarness
 * </pre>
 */
public final class InProcessHarness {

    private static final int COUNT = 40_000;

    private InProcessHarness() {
    }

    /**
     * Runs the harness.
     *
     * @param args ignored
     * @throws Exception when the store cannot be used
     */
    public static void main(String[] args) throws Exception {
        Path directory = Files.createTempDirectory("crudjt-harness");
        Map<String, Object> payload = payload();
        System.out.println("payload: " + dev.crudjt.json.JsonCodec.toJson(payload)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8).length + " bytes of JSON");
        try (CrudJtMaster master = CrudJt.startMaster(MasterOptions.builder()
                .secretKey(TestKeys.randomKey(48)).storePath(directory).grpcPort(0)
                .cacheSize(100_000).build())) {
            Map<String, double[]> figures = new LinkedHashMap<>();
            for (String name : List.of("create", "read", "update", "delete")) {
                figures.put(name, new double[10]);
            }
            for (int run = -3; run < 10; run++) {
                String[] tokens = new String[COUNT];
                double create = time((i) -> tokens[i] = master.create(payload, 3600L, null));
                double read = time((i) -> master.read(tokens[i]));
                double update = time((i) -> master.update(tokens[i], payload, 3600L, null));
                double delete = time((i) -> master.delete(tokens[i]));
                if (run >= 0) {
                    figures.get("create")[run] = create;
                    figures.get("read")[run] = read;
                    figures.get("update")[run] = update;
                    figures.get("delete")[run] = delete;
                }
            }
            System.out.printf("%-8s %10s %10s %10s   (seconds per %,d ops, 10 runs)%n",
                    "op", "median", "min", "max", COUNT);
            figures.forEach((name, values) -> {
                double[] sorted = values.clone();
                Arrays.sort(sorted);
                double median = (sorted[4] + sorted[5]) / 2;
                System.out.printf("%-8s %10.4f %10.4f %10.4f%n", name, median, sorted[0],
                        sorted[9]);
            });
        }
    }

    private static double time(Consumer<Integer> operation) {
        long start = System.nanoTime();
        for (int i = 0; i < COUNT; i++) {
            operation.accept(i);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    static Map<String, Object> payload() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", 1234567);
        data.put("role", "admin");
        data.put("name", "Alice Example");
        data.put("email", "alice@example.com");
        data.put("scopes", new ArrayList<>(List.of("read", "write", "admin")));
        data.put("profile", Map.of("locale", "en-GB", "tz", "Europe/London", "theme", "dark"));
        data.put("counters", Map.of("logins", 42, "failures", 0));
        data.put("note", "x".repeat(24));
        return data;
    }
}
