package dev.crudjt.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The benchmark command: {@code java -jar crudjt-benchmarks/target/crudjt-benchmarks.jar
 * [--quick] [--only=phase,...]}, run from the project root.
 *
 * <p>Measures, in one run on this machine, CRUDJT in-process (cached and cold reads), CRUDJT over
 * loopback gRPC from a second JVM, Redis and HS256 JWTs, the store file's size, and a large
 * store; prints progress and then a Markdown report, and writes the report, a chart and
 * {@code target/benchmarks/results.json}. Everything it starts (a master JVM, redis-server)
 * listens only on 127.0.0.1 on free ports, works in temporary directories and is stopped
 * before it exits, also on failure.
 *
 * @since 0.1.0
 */
public final class BenchmarkMain {

    private static final String JAR = "crudjt-benchmarks/target/crudjt-benchmarks.jar";

    private BenchmarkMain() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --quick} for a short run, {@code --only=a,b} to run some phases of
     *     {@code inprocess, coldread, jwt, remote, redis, disk, scale}
     * @throws Exception when a phase fails; stores and servers are cleaned up first
     */
    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("java.awt.headless", "true");
        boolean quick = false;
        Set<String> phases = new LinkedHashSet<>(Settings.ALL_PHASES);
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            }
            else if (arg.startsWith("--only=")) {
                phases = parsePhases(arg.substring("--only=".length()));
            }
            else {
                System.err.println("Usage: java -jar " + JAR + " [--quick] [--only=phase,...]"
                        + "\n  phases: " + String.join(", ", Settings.ALL_PHASES));
                System.exit(2);
                return;
            }
        }
        Settings settings = Settings.of(quick, phases);
        run(settings, args);
    }

    private static Set<String> parsePhases(String list) {
        Set<String> phases = new LinkedHashSet<>();
        for (String phase : list.split(",")) {
            if (!Settings.ALL_PHASES.contains(phase.trim())) {
                throw new IllegalArgumentException("Unknown phase '" + phase + "'; phases are "
                        + String.join(", ", Settings.ALL_PHASES));
            }
            phases.add(phase.trim());
        }
        return phases;
    }

    private static void run(Settings settings, String[] args) throws Exception {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String loadAtStart = Machine.loadAverage();
        Progress progress = new Progress();
        Results results = new Results();
        if (!Files.isDirectory(Path.of("crudjt-core"))) {
            progress.say("setup", "warning: '%s' is not the project root; writing docs/ and "
                    + "target/ here anyway", Path.of("").toAbsolutePath());
        }
        progress.say("setup", "%s run, phases %s, load average %s",
                settings.quick() ? "quick" : "full", settings.phases(), loadAtStart);
        String redis = redisDescription();
        if (settings.runs("inprocess")) {
            new InProcessBenchmark(settings, progress, results).runCached();
        }
        if (settings.runs("coldread")) {
            new InProcessBenchmark(settings, progress, results).runCold();
        }
        if (settings.runs("jwt")) {
            new JwtBenchmark(settings, progress, results).run();
        }
        if (settings.runs("remote")) {
            new RemoteBenchmark(settings, progress, results).run();
        }
        if (settings.runs("redis")) {
            new RedisBenchmark(settings, progress, results).run();
        }
        if (settings.runs("disk")) {
            DiskBenchmark disk = new DiskBenchmark(settings, progress, results);
            disk.runCreateDelete();
            disk.runChurn();
        }
        if (settings.runs("scale")) {
            new ScaleBenchmark(settings, progress, results).run();
        }
        String base = settings.quick() ? "benchmarks-quick" : "benchmarks";
        Path chart = Path.of("docs", base + ".png");
        Path report = Path.of("docs", base + ".md");
        Path json = Path.of("target", "benchmarks", "results.json");
        Files.createDirectories(chart.toAbsolutePath().getParent());
        ThroughputChart.write(results, chart);
        ResultsFile.write(results, json);
        String command = "java -jar " + JAR + ((args.length > 0) ? " " + String.join(" ", args)
                : "");
        Report.RunInfo info = new Report.RunInfo(command, started.toString(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                progress.elapsedSeconds(), loadAtStart, Machine.loadAverage(), redis);
        Report writer = new Report(results, settings);
        String markdown = writer.render(info, chart.getFileName().toString());
        Files.writeString(report, markdown, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(markdown);
        progress.say("done", "report %s, chart %s, figures %s", report, chart, json);
        List<String> misses = writer.misses();
        progress.say("done", "%d target(s) met, %d missed or not measured%s", writer.met(),
                misses.size(), misses.isEmpty() ? "" : ":");
        for (String miss : misses) {
            System.out.println("  - " + miss);
        }
        System.out.printf(Locale.ROOT, "Total time: %.0f s%n", progress.elapsedSeconds());
    }

    private static String redisDescription() throws IOException, InterruptedException {
        Path executable = RedisServer.findExecutable();
        if (executable == null) {
            return "redis-server is not on the PATH, so the Redis figures were not measured "
                    + "(on Debian: apt-get install redis-server)";
        }
        return RedisServer.version(executable) + " (" + executable + ")";
    }
}
