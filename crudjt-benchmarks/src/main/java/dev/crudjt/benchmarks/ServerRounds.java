package dev.crudjt.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Runs the rounds against one server for figures 3 and 4: a warm-up round with 8 threads, then
 * the measured rounds, each of which runs 1, 8 and 50 threads in turn so that noise on the
 * machine spreads over every concurrency. Adds {@code <prefix>.<op>.t<n>.ops} and the latency
 * figures {@code <prefix>.<op>.t<n>.p50.micros} and {@code .p99.micros}: median, min and max
 * over the measured rounds.
 */
final class ServerRounds {

    private ServerRounds() {
    }

    /**
     * Measures a target.
     *
     * @param target the store
     * @param prefix the figure prefix, {@code remote} or {@code redis}
     * @param operationNames the figure names of create, read, update and delete
     * @param settings the run's settings
     * @param progress where progress goes
     * @param results where figures go
     * @throws InterruptedException when interrupted
     */
    static void measure(Target target, String prefix, String[] operationNames,
            Settings settings, Progress progress, Results results) throws InterruptedException {
        LoadDriver driver = new LoadDriver();
        int calls = settings.remoteOps();
        LoadDriver.Round warmup = driver.run(target, 8, calls);
        progress.say(prefix, "warm-up, 8 threads: %s", describe(warmup));
        int rounds = settings.remoteRounds();
        Map<String, double[]> samples = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (int threads : Settings.CONCURRENCY) {
                LoadDriver.Round result = driver.run(target, threads, calls);
                progress.say(prefix, "round %d/%d, %d thread(s): %s", round + 1, rounds,
                        threads, describe(result));
                for (int op = 0; op < LoadDriver.OPERATIONS.length; op++) {
                    String base = prefix + "." + operationNames[op] + ".t" + threads;
                    Histogram latency = result.latencies()[op];
                    sample(samples, base + ".ops", rounds)[round] = result.opsPerSecond()[op];
                    sample(samples, base + ".p50.micros", rounds)[round] =
                            latency.getValueAtPercentile(50) / 1e3;
                    sample(samples, base + ".p99.micros", rounds)[round] =
                            latency.getValueAtPercentile(99) / 1e3;
                }
            }
        }
        samples.forEach((name, values) -> results.add(Figure.of(name,
                name.endsWith(".ops") ? "ops/s" : "micros", values)));
    }

    private static double[] sample(Map<String, double[]> samples, String name, int rounds) {
        return samples.computeIfAbsent(name, (key) -> new double[rounds]);
    }

    private static String describe(LoadDriver.Round round) {
        StringBuilder text = new StringBuilder();
        for (int op = 0; op < LoadDriver.OPERATIONS.length; op++) {
            text.append(String.format(java.util.Locale.ROOT, "%s %,.0f/s (p99 %,.0f us)  ",
                    LoadDriver.OPERATIONS[op], round.opsPerSecond()[op],
                    round.latencies()[op].getValueAtPercentile(99) / 1e3));
        }
        return text.toString().trim();
    }
}
