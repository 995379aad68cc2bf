package dev.crudjt.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Writes the Markdown report of a run: machine and load, the targets with met or missed, and
 * every figure with how it was measured. Only figures of this run appear in it.
 */
final class Report {

    private static final String[] OPS = {"create", "read", "update", "delete"};

    private static final String[] REDIS_OPS = {"set", "get", "update", "del"};

    private static final String[] REDIS_COMMANDS = {"SET EX NX", "GET", "SET EX XX", "DEL"};

    private final Results results;

    private final Settings settings;

    private final List<String> lines = new ArrayList<>();

    private int met;

    private int missed;

    private int notMeasured;

    private final List<String> misses = new ArrayList<>();

    Report(Results results, Settings settings) {
        this.results = results;
        this.settings = settings;
    }

    /**
     * Renders the report.
     *
     * @param run facts about the run: command, dates, load, duration, Redis version
     * @param chartFile the chart's file name, relative to the report
     * @return the Markdown text
     */
    String render(RunInfo run, String chartFile) {
        this.lines.clear();
        line("# CRUDJT benchmarks");
        line("");
        line(String.format(Locale.ROOT, "%s run of `%s`, from the project root, started %s and "
                + "finished %s (%.0f s). Every number below was measured in that run.",
                this.settings.quick() ? "A quick" : "A full", run.command(), run.started(),
                run.finished(), run.seconds()));
        line("");
        line("## Machine");
        line("");
        for (String item : Machine.describe()) {
            line("- " + item);
        }
        line("- Load average (1, 5, 15 min) at the start: " + run.loadAtStart()
                + "; at the end: " + run.loadAtEnd() + ". The machine is shared, so other "
                + "processes ran during the measurements.");
        line("- Redis: " + run.redis());
        line("- Payload: compact JSON of " + Payload.JSON_SIZE + " bytes: a map with a nested "
                + "profile map, a counters map, a list of strings, integers and strings.");
        line("");
        line("![Throughput per operation: CRUDJT, Redis and JWT](" + chartFile + ")");
        line("");
        targets();
        inProcess();
        remote();
        disk();
        scale();
        line("## Running it");
        line("");
        line("```sh");
        line("mvn -B package -DskipTests");
        line("java -jar crudjt-benchmarks/target/crudjt-benchmarks.jar          # full run");
        line("java -jar crudjt-benchmarks/target/crudjt-benchmarks.jar --quick  # about 2 min");
        line("```");
        line("");
        line("A full run writes `docs/benchmarks.md` and `docs/benchmarks.png`; a quick run "
                + "writes `docs/benchmarks-quick.md` and `docs/benchmarks-quick.png`; both write"
                + " `target/benchmarks/results.json`. `redis-server` must be on the `PATH` for "
                + "the Redis figures; without it the report says they were not measured.");
        return String.join("\n", this.lines) + "\n";
    }

    /**
     * Returns how many targets were met.
     *
     * @return the count
     */
    int met() {
        return this.met;
    }

    /**
     * Returns the targets that were missed or not measured.
     *
     * @return one line per target
     */
    List<String> misses() {
        return this.misses;
    }

    private void targets() {
        line("## Targets");
        line("");
        line("Reference: the figures of a reference implementation given with the targets; "
                + "they were not measured in this run. Measured values are medians. \"Measured /"
                + " target\" at or below 1 meets a time or size target, at or above 1 a "
                + "throughput target.");
        line("");
        line("| Figure | Measured | Reference | Target | Measured / target | vs reference | "
                + "Result |");
        line("|---|---|---|---|---|---|---|");
        double[] reference = {0.53, 0.024, 0.67, 0.32};
        double[] limit = {0.13, 0.016, 0.13, 0.13};
        String[] labels = {"create", "read (cached)", "update", "delete"};
        for (int op = 0; op < OPS.length; op++) {
            atMost("In-process " + labels[op] + ", 40,000 ops",
                    "inprocess." + OPS[op] + ".40k", reference[op], limit[op], "s");
        }
        atMost("In-process cold read, 40,000 ops", "inprocess.coldread.40k", Double.NaN, 0.15,
                "s");
        for (int op = 0; op < OPS.length; op++) {
            atLeast("Remote " + OPS[op] + ", 1 thread", "remote." + OPS[op] + ".t1.ops", 4_000,
                    15_000, "ops/s");
        }
        for (int threads : new int[] {8, 50}) {
            for (int op = 0; op < OPS.length; op++) {
                Figure redis = this.results.get("redis." + REDIS_OPS[op] + ".t" + threads
                        + ".ops");
                String name = "Remote " + OPS[op] + ", " + threads + " in flight, vs Redis "
                        + REDIS_COMMANDS[op];
                if (redis == null) {
                    notMeasured(name, "Redis's figure", "Redis was not measured");
                    continue;
                }
                atLeast(name, "remote." + OPS[op] + ".t" + threads + ".ops",
                        (threads == 8) ? 14_000 : Double.NaN, redis.median(), "ops/s");
            }
        }
        atMost("File for 40,000 tokens", "disk.40k.bytes", 134e6, 16e6, "bytes");
        churnTarget();
        atMost("Reopen of the " + scaleLabel() + "-token store", "scale.reopen.seconds",
                Double.NaN, 2.0, "s");
        Figure small = this.results.get("scale.coldread.p99.40k.micros");
        if (small == null) {
            notMeasured("Cold-read p99 at " + scaleLabel() + " tokens", "2 x p99 at 40,000",
                    "scale not run");
        }
        else {
            atMost("Cold-read p99 at " + scaleLabel() + " tokens (target: 2 x p99 at 40,000 = "
                    + format(small.median(), "us") + ")", "scale.coldread.p99.1m.micros",
                    Double.NaN, 2 * small.median(), "us");
        }
        line("");
        line(String.format(Locale.ROOT, "%d target(s) met, %d missed, %d not measured.",
                this.met, this.missed, this.notMeasured));
        line("");
    }

    private void churnTarget() {
        List<long[]> samples = this.results.churnSamples();
        String name = "File size during " + this.settings.churn().toSeconds()
                + " s of churn over 1,000 tokens";
        if (samples.size() < 4) {
            notMeasured(name, "flat", "churn not run");
            return;
        }
        int half = samples.size() / 2;
        long firstHalfMax = 0;
        long secondHalfMax = 0;
        for (int i = 0; i < samples.size(); i++) {
            if (i < half) {
                firstHalfMax = Math.max(firstHalfMax, samples.get(i)[1]);
            }
            else {
                secondHalfMax = Math.max(secondHalfMax, samples.get(i)[1]);
            }
        }
        double ratio = secondHalfMax / (double) firstHalfMax;
        boolean flat = ratio <= 1.10;
        result(flat);
        if (!flat) {
            this.misses.add(name);
        }
        line(String.format(Locale.ROOT, "| %s | max %s in the 2nd half vs %s in the 1st | - | "
                + "flat (2nd-half max <= 1.10 x 1st-half max) | %.2f | - | %s |", name,
                format(secondHalfMax, "bytes"), format(firstHalfMax, "bytes"), ratio,
                flat ? "met" : "**missed**"));
    }

    private void atMost(String label, String name, double reference, double limit,
            String unit) {
        compare(label, name, reference, limit, unit, false);
    }

    private void atLeast(String label, String name, double reference, double limit,
            String unit) {
        compare(label, name, reference, limit, unit, true);
    }

    private void compare(String label, String name, double reference, double limit, String unit,
            boolean higherIsBetter) {
        Figure figure = this.results.get(name);
        String target = (higherIsBetter ? ">= " : "<= ") + format(limit, unit);
        if (figure == null) {
            notMeasured(label, target, reasonFor(name));
            return;
        }
        double value = figure.median();
        boolean ok = higherIsBetter ? value >= limit : value <= limit;
        result(ok);
        if (!ok) {
            this.misses.add(label + ": " + format(value, unit) + ", target " + target);
        }
        String versus = "-";
        if (!Double.isNaN(reference)) {
            double factor = higherIsBetter ? value / reference : reference / value;
            boolean bytes = unit.equals("bytes");
            String better = higherIsBetter ? "higher" : bytes ? "smaller" : "faster";
            String worse = higherIsBetter ? "lower" : bytes ? "larger" : "slower";
            versus = (factor >= 1) ? String.format(Locale.ROOT, "%.1fx %s", factor, better)
                    : String.format(Locale.ROOT, "%.1fx %s", 1 / factor, worse);
        }
        line(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %s | %s |", label,
                format(value, unit), Double.isNaN(reference) ? "-" : format(reference, unit),
                target, value / limit, versus, ok ? "met" : "**missed**"));
    }

    private void notMeasured(String label, String target, String reason) {
        this.notMeasured++;
        this.misses.add(label + ": not measured (" + reason + ")");
        line("| " + label + " | not measured: " + reason + " | - | " + target
                + " | - | - | **not measured** |");
    }

    private void result(boolean ok) {
        if (ok) {
            this.met++;
        }
        else {
            this.missed++;
        }
    }

    private String reasonFor(String name) {
        String section = name.startsWith("redis") ? "redis" : name.substring(0,
                name.indexOf('.'));
        String reason = this.results.unavailableReason(section);
        return (reason != null) ? reason : "phase not run";
    }

    private void inProcess() {
        line("## In-process: one thread, 40,000 operations");
        line("");
        line("Wall seconds per 40,000 calls, and the CPU seconds the calling thread used "
                + "(median): where CPU is well below wall, other processes had the core.");
        line("");
        line("| Operation | Median | Min | Max | ops/s at the median | CPU of the thread |");
        line("|---|---|---|---|---|---|");
        String[][] rows = {{"CRUDJT create", "inprocess.create.40k"},
            {"CRUDJT read (cached)", "inprocess.read.40k"},
            {"CRUDJT update", "inprocess.update.40k"},
            {"CRUDJT delete", "inprocess.delete.40k"},
            {"CRUDJT cold read (no cache)", "inprocess.coldread.40k"},
            {"JWT HS256 create (sign)", "jwt.create.40k"},
            {"JWT HS256 read (verify)", "jwt.read.40k"}};
        for (String[] row : rows) {
            Figure figure = this.results.get(row[1]);
            if (figure == null) {
                line("| " + row[0] + " | not measured | | | | |");
                continue;
            }
            Figure cpu = this.results.get(row[1] + ".cpu");
            line(String.format(Locale.ROOT, "| %s | %.4f s | %.4f s | %.4f s | %,.0f | %s |",
                    row[0], figure.median(), figure.min(), figure.max(),
                    Settings.COUNT / figure.median(), (cpu == null) ? "-"
                            : String.format(Locale.ROOT, "%.4f s", cpu.median())));
        }
        line("");
        notes("inprocess", "coldread", "jwt");
    }

    private void remote() {
        line("## Remote CRUDJT and Redis over loopback");
        line("");
        line("Throughput is the median over the measured rounds (min to max in brackets); "
                + "latencies are medians over the rounds of each round's p50 and p99, in "
                + "microseconds, as seen by the calling thread.");
        line("");
        for (int threads : Settings.CONCURRENCY) {
            line("### " + threads + ((threads == 1) ? " thread" : " calls in flight"));
            line("");
            line("| Operation | CRUDJT ops/s | CRUDJT p50 / p99 | Redis command | Redis ops/s |"
                    + " Redis p50 / p99 | CRUDJT / Redis |");
            line("|---|---|---|---|---|---|---|");
            for (int op = 0; op < OPS.length; op++) {
                String crudjt = "remote." + OPS[op] + ".t" + threads;
                String redis = "redis." + REDIS_OPS[op] + ".t" + threads;
                Figure ours = this.results.get(crudjt + ".ops");
                Figure theirs = this.results.get(redis + ".ops");
                String ratio = (ours != null && theirs != null)
                        ? String.format(Locale.ROOT, "%.2f", ours.median() / theirs.median())
                        : "-";
                line("| " + OPS[op] + " | " + throughput(ours) + " | " + latency(crudjt)
                        + " | " + REDIS_COMMANDS[op] + " | " + throughput(theirs) + " | "
                        + latency(redis) + " | " + ratio + " |");
            }
            line("");
        }
        String reason = this.results.unavailableReason("redis");
        if (reason != null) {
            line("Redis: " + reason + ".");
            line("");
        }
        notes("remote", "redis");
    }

    private void disk() {
        line("## Disk");
        line("");
        line("| Store file | Bytes | MB |");
        line("|---|---|---|");
        sizeRow("After 40,000 creates, committed", "disk.40k.bytes");
        sizeRow("After deleting all 40,000, compaction run", "disk.deleted.bytes");
        sizeRow("The same, after close()", "disk.deleted.closed.bytes");
        Figure full = this.results.get("disk.40k.bytes");
        Figure deleted = this.results.get("disk.deleted.bytes");
        Figure churn = this.results.get("disk.churn.bytes");
        List<long[]> samples = this.results.churnSamples();
        if (churn != null && !samples.isEmpty()) {
            long[] first = samples.get(0);
            long[] last = samples.get(samples.size() - 1);
            long[] max = first;
            for (long[] sample : samples) {
                if (sample[1] > max[1]) {
                    max = sample;
                }
            }
            line(String.format(Locale.ROOT, "| Churn, first sample (%.0f s) | %,d | %.2f |",
                    first[0] / 1e3, first[1], first[1] / 1e6));
            line(String.format(Locale.ROOT, "| Churn, largest sample (%.0f s) | %,d | %.2f |",
                    max[0] / 1e3, max[1], max[1] / 1e6));
            line(String.format(Locale.ROOT, "| Churn, last sample (%.0f s) | %,d | %.2f |",
                    last[0] / 1e3, last[1], last[1] / 1e6));
            line("");
            StringBuilder series = new StringBuilder("File size over the churn (s: MB): ");
            int step = Math.max(1, samples.size() / 20);
            for (int i = 0; i < samples.size(); i += step) {
                series.append(String.format(Locale.ROOT, "%.0f: %.2f; ", samples.get(i)[0] / 1e3,
                        samples.get(i)[1] / 1e6));
            }
            series.append(String.format(Locale.ROOT, "%.0f: %.2f.", last[0] / 1e3,
                    last[1] / 1e6));
            line(series.toString());
        }
        line("");
        if (full != null && deleted != null) {
            line((deleted.median() >= 0.9 * full.median())
                    ? "After the deletes the file did not shrink: it kept "
                            + format(deleted.median(), "bytes") + " of the "
                            + format(full.median(), "bytes") + " it had with 40,000 tokens."
                    : "After the deletes the file shrank from " + format(full.median(), "bytes")
                            + " to " + format(deleted.median(), "bytes") + ".");
            line("");
        }
        notes("disk", "churn");
    }

    private void scale() {
        String big = scaleLabel();
        line("## Scale: " + big + " tokens next to 40,000");
        line("");
        line("| Figure | 40,000 tokens | " + big + " tokens |");
        line("|---|---|---|");
        scaleRow("Create throughput, one thread", "scale.create.%s.ops", "ops/s");
        scaleRow("Store file", "scale.%s.bytes", "bytes");
        scaleRow("Random cold read p50", "scale.coldread.p50.%s.micros", "us");
        scaleRow("Random cold read p99", "scale.coldread.p99.%s.micros", "us");
        Figure reopen = this.results.get("scale.reopen.seconds");
        line("| Reopen (startMaster), median (min to max) | - | " + ((reopen == null)
                ? "not measured" : String.format(Locale.ROOT, "%.3f s (%.3f to %.3f)",
                        reopen.median(), reopen.min(), reopen.max())) + " |");
        Figure heap = this.results.get("scale.heap.bytes");
        Figure store = this.results.get("scale.heap.store.bytes");
        line("| Heap used after full GC, store open | - | " + ((heap == null || store == null)
                ? "not measured" : String.format(Locale.ROOT, "%.1f MB (%.1f MB above the "
                        + "baseline)", heap.median() / 1e6, store.median() / 1e6)) + " |");
        line("");
        notes("scale");
    }

    private void scaleRow(String label, String pattern, String unit) {
        Figure small = this.results.get(String.format(Locale.ROOT, pattern, "40k"));
        Figure large = this.results.get(String.format(Locale.ROOT, pattern, "1m"));
        line("| " + label + " | " + ((small == null) ? "not measured"
                : format(small.median(), unit)) + " | " + ((large == null) ? "not measured"
                : format(large.median(), unit)) + " |");
    }

    private void sizeRow(String label, String name) {
        Figure figure = this.results.get(name);
        if (figure == null) {
            line("| " + label + " | not measured | |");
            return;
        }
        line(String.format(Locale.ROOT, "| %s | %,.0f | %.2f |", label, figure.median(),
                figure.median() / 1e6));
    }

    private String throughput(@Nullable Figure figure) {
        if (figure == null) {
            return "not measured";
        }
        if (figure.min() == figure.max()) {
            return String.format(Locale.ROOT, "%,.0f", figure.median());
        }
        return String.format(Locale.ROOT, "%,.0f (%,.0f to %,.0f)", figure.median(),
                figure.min(), figure.max());
    }

    private String latency(String base) {
        Figure p50 = this.results.get(base + ".p50.micros");
        Figure p99 = this.results.get(base + ".p99.micros");
        if (p50 == null || p99 == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.0f / %.0f", p50.median(), p99.median());
    }

    private void notes(String... sections) {
        boolean any = false;
        for (String section : sections) {
            for (String note : this.results.notes(section)) {
                line("- " + note);
                any = true;
            }
        }
        if (any) {
            line("");
        }
    }

    private String scaleLabel() {
        return String.format(Locale.ROOT, "%,d", this.settings.scaleTokens());
    }

    private static String format(double value, String unit) {
        return switch (unit) {
            case "s" -> String.format(Locale.ROOT, "%.4f s", value);
            case "ops/s" -> String.format(Locale.ROOT, "%,.0f ops/s", value);
            case "bytes" -> String.format(Locale.ROOT, "%.2f MB", value / 1e6);
            case "us" -> String.format(Locale.ROOT, "%.1f us", value);
            default -> String.format(Locale.ROOT, "%.3f %s", value, unit);
        };
    }

    private void line(String text) {
        this.lines.add(text);
    }

    /**
     * Facts about the run for the report's header.
     *
     * @param command the command line as typed
     * @param started when the run started, ISO-8601 UTC
     * @param finished when it finished
     * @param seconds how long it took
     * @param loadAtStart load averages at the start
     * @param loadAtEnd load averages at the end
     * @param redis the Redis version, or why Redis was not measured
     */
    record RunInfo(String command, String started, String finished, double seconds,
            String loadAtStart, String loadAtEnd, String redis) {
    }
}
