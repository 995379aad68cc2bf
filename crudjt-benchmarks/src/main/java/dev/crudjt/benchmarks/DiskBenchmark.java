package dev.crudjt.benchmarks;

import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtMaster;
import dev.crudjt.MasterOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 6: the size of the store file with the default options. After 40,000 creates, once the
 * commit thread has written them; after deleting all of them, once the commit thread's
 * housekeeping (commit, fsync, and compaction of chunks less than half full) has run and the
 * old chunks have passed their retention time; and during a steady churn of creates, updates and
 * deletes over 1,000 live tokens, sampled over time.
 */
final class DiskBenchmark {

    /** Live tokens during the churn. */
    static final int CHURN_TOKENS = 1_000;

    private static final long POLL_MILLIS = 250;

    private static final long STABLE_MILLIS = 5_000;

    private static final long SETTLE_TIMEOUT_MILLIS = 60_000;

    private final Settings settings;

    private final Progress progress;

    private final Results results;

    private final Map<String, Object> created = Payload.created();

    private final Map<String, Object> updated = Payload.updated();

    DiskBenchmark(Settings settings, Progress progress, Results results) {
        this.settings = settings;
        this.progress = progress;
        this.results = results;
    }

    /**
     * Measures the file after creates and after deletes.
     *
     * @throws IOException when the store file cannot be read
     * @throws InterruptedException when interrupted
     */
    void runCreateDelete() throws IOException, InterruptedException {
        Path directory = Cleanup.tempDirectory("disk");
        try {
            Path file;
            Settled full;
            Settled empty;
            try (CrudJtMaster master = CrudJt.startMaster(Masters.options(directory).build())) {
                file = master.storeFile();
                String[] tokens = new String[Settings.COUNT];
                for (int i = 0; i < tokens.length; i++) {
                    tokens[i] = master.create(this.created, InProcessBenchmark.TTL, null);
                }
                full = settle(file);
                this.progress.say("disk", "40,000 tokens: %,d bytes after %.1f s", full.bytes(),
                        full.seconds());
                this.results.add(Figure.of("disk.40k.bytes", "bytes", full.bytes()));
                for (String token : tokens) {
                    if (!master.delete(token)) {
                        throw new IllegalStateException("A delete found no token");
                    }
                }
                empty = settle(file);
                this.progress.say("disk", "all deleted: %,d bytes after %.1f s (%d tokens "
                        + "left)", empty.bytes(), empty.seconds(), master.tokenCount());
                this.results.add(Figure.of("disk.deleted.bytes", "bytes", empty.bytes()));
            }
            long closed = Files.size(file);
            this.progress.say("disk", "after close: %,d bytes", closed);
            this.results.add(Figure.of("disk.deleted.closed.bytes", "bytes", closed));
            this.results.note("disk", String.format(Locale.ROOT, "40,000 creates of the "
                    + "%d-byte payload with the default options (commit every %d ms); the size "
                    + "was read once the commit thread had written them and the file had not "
                    + "changed for %d s (last change %.1f s after the last create). Then all "
                    + "40,000 were deleted and nothing else was called: the commit thread "
                    + "commits, fsyncs and compacts chunks under 50%% fill after each commit; "
                    + "the size was read once the file had not changed for %d s (last change "
                    + "%.1f s after the last delete), and again after close().",
                    Payload.JSON_SIZE, MasterOptions.DEFAULT_COMMIT_INTERVAL.toMillis(),
                    STABLE_MILLIS / 1000, full.seconds(), STABLE_MILLIS / 1000,
                    empty.seconds()));
        }
        finally {
            Cleanup.deleteTree(directory);
        }
    }

    /**
     * Runs the churn and samples the file size.
     *
     * @throws IOException when the store cannot be made
     * @throws InterruptedException when interrupted
     */
    void runChurn() throws IOException, InterruptedException {
        Path directory = Cleanup.tempDirectory("churn");
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "crudjt-bench-sampler");
            thread.setDaemon(true);
            return thread;
        });
        try (CrudJtMaster master = CrudJt.startMaster(Masters.options(directory).build())) {
            String[] tokens = new String[CHURN_TOKENS];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = master.create(this.created, InProcessBenchmark.TTL, null);
            }
            AtomicLong operations = new AtomicLong();
            long start = System.nanoTime();
            long sampleMillis = this.settings.churnSample().toMillis();
            Path file = master.storeFile();
            sampler.scheduleAtFixedRate(() -> sample(file, start, operations), 0, sampleMillis,
                    TimeUnit.MILLISECONDS);
            long deadline = start + this.settings.churn().toNanos();
            long reportEvery = this.settings.churn().toNanos() / 10;
            long nextReport = start + reportEvery;
            SplittableRandom random = new SplittableRandom(42);
            while (true) {
                long now = System.nanoTime();
                if (now >= deadline) {
                    break;
                }
                if (now >= nextReport) {
                    this.progress.say("churn", "%d s of %d, %,d operations, file %,d bytes",
                            TimeUnit.NANOSECONDS.toSeconds(now - start),
                            this.settings.churn().toSeconds(), operations.get(),
                            Files.size(file));
                    nextReport += reportEvery;
                }
                churn(master, tokens, random.nextInt(CHURN_TOKENS));
                operations.addAndGet(3);
            }
            sampler.shutdown();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
            sample(file, start, operations);
            if (master.tokenCount() != CHURN_TOKENS) {
                throw new IllegalStateException("The churn left " + master.tokenCount()
                        + " tokens, not " + CHURN_TOKENS);
            }
        }
        finally {
            sampler.shutdownNow();
            Cleanup.deleteTree(directory);
        }
        List<long[]> samples = this.results.churnSamples();
        double[] bytes = samples.stream().mapToDouble((s) -> s[1]).toArray();
        this.results.add(Figure.of("disk.churn.bytes", "bytes", bytes));
        long[] last = samples.get(samples.size() - 1);
        this.results.note("churn", String.format(Locale.ROOT, "Default options; %,d live tokens; "
                + "one thread, as fast as it goes, repeats: pick a random live token, update it,"
                + " delete it, create a replacement (%,d operations in %d s, %,.0f ops/s); the "
                + "file size was sampled every %d s.", CHURN_TOKENS, last[2],
                this.settings.churn().toSeconds(), last[2] / (last[0] / 1e3),
                this.settings.churnSample().toSeconds()));
    }

    private void churn(CrudJtMaster master, String[] tokens, int slot) {
        if (!master.update(tokens[slot], this.updated, InProcessBenchmark.TTL, null)
                || !master.delete(tokens[slot])) {
            throw new IllegalStateException("A churn update or delete found no token");
        }
        tokens[slot] = master.create(this.created, InProcessBenchmark.TTL, null);
    }

    private void sample(Path file, long start, AtomicLong operations) {
        try {
            long bytes = Files.size(file);
            synchronized (this.results) {
                this.results.churnSample((System.nanoTime() - start) / 1_000_000, bytes,
                        operations.get());
            }
        }
        catch (IOException ex) {
            this.progress.say("churn", "cannot read the file size: %s", ex.getMessage());
        }
    }

    /**
     * Waits until the file size has not changed for {@value #STABLE_MILLIS} ms.
     *
     * @param file the store file
     * @return the size and how long it took
     * @throws IOException when the size cannot be read
     * @throws InterruptedException when interrupted
     */
    static Settled settle(Path file) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long size = Files.size(file);
        long stableSince = start;
        while (true) {
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            long now = System.nanoTime();
            long current = Files.size(file);
            if (current != size) {
                size = current;
                stableSince = now;
            }
            if (now - stableSince >= TimeUnit.MILLISECONDS.toNanos(STABLE_MILLIS)
                    || now - start >= TimeUnit.MILLISECONDS.toNanos(SETTLE_TIMEOUT_MILLIS)) {
                return new Settled(size, (stableSince - start) / 1e9);
            }
        }
    }

    /**
     * A settled file size.
     *
     * @param bytes the size
     * @param seconds seconds from the start of the wait to the last change
     */
    record Settled(long bytes, double seconds) {
    }
}
