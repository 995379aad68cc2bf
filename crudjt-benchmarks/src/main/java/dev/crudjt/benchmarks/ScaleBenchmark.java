package dev.crudjt.benchmarks;

import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtMaster;
import dev.crudjt.MasterOptions;
import dev.crudjt.TokenRead;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Figure 7: a store of 1,000,000 tokens (100,000 in a quick run) next to one of 40,000. Create
 * throughput, the latency of random reads with the decoded-token cache off, the time to reopen
 * the large store (close, then {@link CrudJt#startMaster} again), and the heap in use after a
 * full collection with it open.
 */
final class ScaleBenchmark {

    private static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static final int WARMUP_READS = 20_000;

    private static final int CHECKED_TOKENS = 1_000;

    private final Settings settings;

    private final Progress progress;

    private final Results results;

    private final Map<String, Object> created = Payload.created();

    ScaleBenchmark(Settings settings, Progress progress, Results results) {
        this.settings = settings;
        this.progress = progress;
        this.results = results;
    }

    /**
     * Measures both stores.
     *
     * @throws IOException when a store cannot be made or read
     * @throws InterruptedException when interrupted
     */
    void run() throws IOException, InterruptedException {
        long baseline = heapAfterGc();
        Path small = Cleanup.tempDirectory("scale-40k");
        try {
            measure(small, Settings.COUNT, "40k", false, baseline);
        }
        finally {
            Cleanup.deleteTree(small);
        }
        Path large = Cleanup.tempDirectory("scale-1m");
        try {
            measure(large, this.settings.scaleTokens(), "1m", true, baseline);
        }
        finally {
            Cleanup.deleteTree(large);
        }
        this.results.note("scale", String.format(Locale.ROOT, "Both stores use cacheSize(0), so "
                + "reads are served by the B-tree (MVStore's page cache is 64 MB), other options "
                + "at their defaults. Creates: one thread, the %d-byte payload, ttl %d s. Reads: "
                + "%,d random reads of existing tokens (the same pseudo-random sequence for both"
                + " sizes) after %,d unmeasured ones, each timed on its own. Reopen: close() "
                + "(not timed), then startMaster timed until it returns, %d time(s). Heap: "
                + "System.gc() twice, then MemoryMXBean heap used with the large store open; "
                + "the benchmark's own heap before any scale store was opened was %.1f MB.",
                Payload.JSON_SIZE, InProcessBenchmark.TTL, this.settings.scaleReads(),
                WARMUP_READS, this.settings.reopens(), baseline / 1e6));
    }

    private void measure(Path directory, int count, String label, boolean large, long baseline)
            throws IOException, InterruptedException {
        MasterOptions options = Masters.options(directory).cacheSize(0).build();
        CrudJtMaster master = CrudJt.startMaster(options);
        try {
            String[] tokens = new String[count];
            long start = System.nanoTime();
            long nextReport = start + TimeUnit.SECONDS.toNanos(5);
            for (int i = 0; i < count; i++) {
                tokens[i] = master.create(this.created, InProcessBenchmark.TTL, null);
                if ((i & 1023) == 0 && System.nanoTime() >= nextReport) {
                    this.progress.say("scale", "created %,d of %,d", i, count);
                    nextReport += TimeUnit.SECONDS.toNanos(5);
                }
            }
            double createSeconds = (System.nanoTime() - start) / 1e9;
            this.results.add(Figure.of("scale.create." + label + ".ops", "ops/s",
                    count / createSeconds));
            DiskBenchmark.Settled settled = DiskBenchmark.settle(master.storeFile());
            this.results.add(Figure.of("scale." + label + ".bytes", "bytes", settled.bytes()));
            this.progress.say("scale", "%,d tokens created at %,.0f/s; file %,d bytes", count,
                    count / createSeconds, settled.bytes());
            Histogram latency = randomReads(master, tokens);
            this.results.add(Figure.of("scale.coldread.p50." + label + ".micros", "micros",
                    latency.getValueAtPercentile(50) / 1e3));
            this.results.add(Figure.of("scale.coldread.p99." + label + ".micros", "micros",
                    latency.getValueAtPercentile(99) / 1e3));
            this.progress.say("scale", "%s store, random cold reads: p50 %.1f us, p99 %.1f us, "
                    + "max %.1f us", label, latency.getValueAtPercentile(50) / 1e3,
                    latency.getValueAtPercentile(99) / 1e3, latency.getMaxValue() / 1e3);
            if (!large) {
                return;
            }
            String[] checked = new String[CHECKED_TOKENS];
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < checked.length; i++) {
                checked[i] = tokens[random.nextInt(count)];
            }
            tokens = null;
            double[] reopen = new double[this.settings.reopens()];
            for (int i = 0; i < reopen.length; i++) {
                master.close();
                long opening = System.nanoTime();
                master = CrudJt.startMaster(options);
                reopen[i] = (System.nanoTime() - opening) / 1e9;
                this.progress.say("scale", "reopened the %s store (%,d tokens) in %.3f s", label,
                        master.tokenCount(), reopen[i]);
                if (master.tokenCount() != count) {
                    throw new IllegalStateException("The reopened store holds "
                            + master.tokenCount() + " tokens, not " + count);
                }
            }
            this.results.add(Figure.of("scale.reopen.seconds", "seconds", reopen));
            check(master, checked);
            TimeUnit.SECONDS.sleep(2);
            long heap = heapAfterGc();
            this.results.add(Figure.of("scale.heap.bytes", "bytes", heap));
            this.results.add(Figure.of("scale.heap.store.bytes", "bytes", heap - baseline));
            this.progress.say("scale", "heap used after full GC with the store open: %.1f MB "
                    + "(%.1f MB above the benchmark's baseline)", heap / 1e6,
                    (heap - baseline) / 1e6);
        }
        finally {
            master.close();
        }
    }

    private Histogram randomReads(CrudJtMaster master, String[] tokens) {
        SplittableRandom random = new SplittableRandom(1234);
        for (int i = 0; i < WARMUP_READS; i++) {
            if (master.read(tokens[random.nextInt(tokens.length)]) == null) {
                throw new IllegalStateException("A random read found no token");
            }
        }
        Histogram latency = new Histogram(MAX_LATENCY_NANOS, 3);
        int misses = 0;
        for (int i = 0; i < this.settings.scaleReads(); i++) {
            String token = tokens[random.nextInt(tokens.length)];
            long start = System.nanoTime();
            TokenRead read = master.read(token);
            latency.recordValue(Math.min(System.nanoTime() - start, MAX_LATENCY_NANOS));
            if (read == null || !this.created.equals(read.data())) {
                misses++;
            }
        }
        if (misses > 0) {
            throw new IllegalStateException(misses + " random reads did not return the data "
                    + "that was written");
        }
        return latency;
    }

    private void check(CrudJtMaster master, String[] tokens) {
        TokenRead[] reads = new TokenRead[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            reads[i] = master.read(tokens[i]);
        }
        InProcessBenchmark.check(reads, this.created, "read after reopen");
    }

    private static long heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        TimeUnit.MILLISECONDS.sleep(200);
        System.gc();
        TimeUnit.MILLISECONDS.sleep(200);
        return memory.getHeapMemoryUsage().getUsed();
    }
}
