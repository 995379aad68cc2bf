package dev.crudjt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prints create and update throughput of a master at 1 and 8 threads in both durability modes,
 * side by side in one run (median of 5 runs of 2 seconds each).
 *
 * <p>Run it like {@link InProcessHarness}, with the class name
 * {@code dev.crudjt.DurabilityHarness}.
 */
public final class DurabilityHarness {

    private DurabilityHarness() {
    }

    /**
     * Runs the harness.
     *
     * @param args ignored
     * @throws Exception when the store cannot be used
     */
    public static void main(String[] args) throws Exception {
        Map<String, Object> payload = InProcessHarness.payload();
        System.out.printf("%-9s %8s %14s%n", "mode", "threads", "writes/s");
        for (Durability durability : Durability.values()) {
            Path directory = Files.createTempDirectory("crudjt-durability");
            try (CrudJtMaster master = CrudJt.startMaster(MasterOptions.builder()
                    .secretKey(TestKeys.randomKey(32)).storePath(directory).grpcPort(0)
                    .durability(durability).build())) {
                for (int threads : new int[] {1, 8}) {
                    List<Double> rates = new ArrayList<>();
                    for (int run = 0; run < 6; run++) {
                        double rate = run(master, payload, threads);
                        if (run > 0) {
                            rates.add(rate);
                        }
                    }
                    rates.sort(null);
                    System.out.printf("%-9s %8d %,14.0f%n", durability, threads, rates.get(2));
                }
            }
        }
    }

    private static double run(CrudJt master, Map<String, Object> payload, int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + 2_000_000_000L;
        List<Future<Long>> counts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            counts.add(pool.submit(() -> {
                long done = 0;
                while (System.nanoTime() < end) {
                    String token = master.create(payload, 3600L, null);
                    master.update(token, payload, 3600L, null);
                    done += 2;
                }
                return done;
            }));
        }
        long total = 0;
        for (Future<Long> count : counts) {
            total += count.get();
        }
        pool.shutdown();
        return total / 2.0;
    }
}
