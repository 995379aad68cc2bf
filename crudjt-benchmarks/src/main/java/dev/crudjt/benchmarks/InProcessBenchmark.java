package dev.crudjt.benchmarks;

import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtMaster;
import dev.crudjt.TokenRead;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Figures 1 and 2: one thread calls a master in its own process, the published CRUDJT method.
 * Creates, cached reads, updates and deletes of 40,000 tokens with the default cache, then
 * reads of 40,000 tokens with the cache off so that every read decrypts a record from the
 * B-tree. Every read result is compared with what was written, outside the timed loop.
 */
final class InProcessBenchmark {

    /** Seconds to live of every benchmark token. */
    static final long TTL = 3600;

    private static final int COUNT = Settings.COUNT;

    private final Settings settings;

    private final Progress progress;

    private final Results results;

    private final Map<String, Object> created = Payload.created();

    private final Map<String, Object> updated = Payload.updated();

    InProcessBenchmark(Settings settings, Progress progress, Results results) {
        this.settings = settings;
        this.progress = progress;
        this.results = results;
    }

    /**
     * Measures creates, cached reads, updates and deletes.
     *
     * @throws IOException when the temporary store cannot be made
     */
    void runCached() throws IOException {
        Path directory = Cleanup.tempDirectory("inprocess");
        int runs = this.settings.runs();
        double[][] seconds = new double[4][runs];
        double[][] cpu = new double[4][runs];
        try (CrudJtMaster master = CrudJt.startMaster(Masters.options(directory).build())) {
            for (int run = -this.settings.warmups(); run < runs; run++) {
                double[][] round = round(master);
                String label = (run < 0) ? "warm-up" : "run " + (run + 1) + "/" + runs;
                this.progress.say("in-process", "%s: create %.3f s, read %.3f s, update %.3f s,"
                        + " delete %.3f s (CPU %.3f, %.3f, %.3f, %.3f)", label, round[0][0],
                        round[1][0], round[2][0], round[3][0], round[0][1], round[1][1],
                        round[2][1], round[3][1]);
                if (run >= 0) {
                    for (int op = 0; op < 4; op++) {
                        seconds[op][run] = round[op][0];
                        cpu[op][run] = round[op][1];
                    }
                }
            }
        }
        finally {
            Cleanup.deleteTree(directory);
        }
        String[] names = {"create", "read", "update", "delete"};
        for (int op = 0; op < 4; op++) {
            this.results.add(Figure.of("inprocess." + names[op] + ".40k", "seconds",
                    seconds[op]));
            this.results.add(Figure.of("inprocess." + names[op] + ".40k.cpu", "seconds",
                    cpu[op]));
        }
        this.results.note("inprocess", "One thread, master options at their defaults (cache "
                + "of 50,000 decoded tokens, commit every 500 ms, Durability.INTERVAL); ttl "
                + TTL + " s on every create and update; " + this.settings.warmups()
                + " warm-up round(s), then " + runs + " measured run(s).");
    }

    private double[][] round(CrudJtMaster master) {
        String[] tokens = new String[COUNT];
        TokenRead[] reads = new TokenRead[COUNT];
        double[][] laps = new double[4][];
        Stopwatch watch = Stopwatch.start();
        for (int i = 0; i < COUNT; i++) {
            tokens[i] = master.create(this.created, TTL, null);
        }
        laps[0] = watch.lap();
        for (int i = 0; i < COUNT; i++) {
            reads[i] = master.read(tokens[i]);
        }
        laps[1] = watch.lap();
        int updateMisses = 0;
        for (int i = 0; i < COUNT; i++) {
            if (!master.update(tokens[i], this.updated, TTL, null)) {
                updateMisses++;
            }
        }
        laps[2] = watch.lap();
        int deleteMisses = 0;
        for (int i = 0; i < COUNT; i++) {
            if (!master.delete(tokens[i])) {
                deleteMisses++;
            }
        }
        laps[3] = watch.lap();
        check(reads, this.created, "cached read");
        if (updateMisses > 0 || deleteMisses > 0) {
            throw new IllegalStateException(updateMisses + " updates and " + deleteMisses
                    + " deletes found no token");
        }
        return laps;
    }

    /**
     * Measures reads with the cache off: every read looks the record up in the B-tree,
     * authenticates and decrypts it and parses its JSON.
     *
     * @throws IOException when the temporary store cannot be made
     */
    void runCold() throws IOException {
        Path directory = Cleanup.tempDirectory("coldread");
        int runs = this.settings.runs();
        double[] seconds = new double[runs];
        double[] cpu = new double[runs];
        try (CrudJtMaster master = CrudJt.startMaster(Masters.options(directory).cacheSize(0)
                .build())) {
            String[] tokens = new String[COUNT];
            for (int i = 0; i < COUNT; i++) {
                tokens[i] = master.create(this.created, TTL, null);
            }
            for (int run = -this.settings.warmups(); run < runs; run++) {
                TokenRead[] reads = new TokenRead[COUNT];
                Stopwatch watch = Stopwatch.start();
                for (int i = 0; i < COUNT; i++) {
                    reads[i] = master.read(tokens[i]);
                }
                double[] lap = watch.lap();
                check(reads, this.created, "cold read");
                this.progress.say("cold read", "%s: %.3f s (CPU %.3f s) for %,d reads, all "
                        + "equal to what was written", (run < 0) ? "warm-up" : "run " + (run + 1)
                        + "/" + runs, lap[0], lap[1], COUNT);
                if (run >= 0) {
                    seconds[run] = lap[0];
                    cpu[run] = lap[1];
                }
            }
        }
        finally {
            Cleanup.deleteTree(directory);
        }
        this.results.add(Figure.of("inprocess.coldread.40k", "seconds", seconds));
        this.results.add(Figure.of("inprocess.coldread.40k.cpu", "seconds", cpu));
        this.results.note("coldread", "cacheSize(0): no decoded token is cached, so every read"
                + " does the B-tree lookup, AES-GCM authentication and decryption and JSON "
                + "parsing; the 40,000 records fit in MVStore's own 64 MB page cache, so pages"
                + " come from memory (the scale figures cover a store larger than that cache).");
    }

    /**
     * Checks that every read returned the data that was written.
     *
     * @param reads the read results
     * @param expected the data written
     * @param what the operation, for the message
     */
    static void check(TokenRead[] reads, Map<String, Object> expected, String what) {
        for (int i = 0; i < reads.length; i++) {
            if (reads[i] == null || !expected.equals(reads[i].data())) {
                throw new IllegalStateException(what + " #" + i + " did not return the data "
                        + "that was written");
            }
        }
    }
}
