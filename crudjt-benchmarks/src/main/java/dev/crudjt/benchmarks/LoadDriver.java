package dev.crudjt.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Drives a {@link Target} from a number of threads, each with one call in flight: every thread
 * creates its share of the tokens, then reads, updates and deletes them, and all threads start
 * each phase together. A phase's throughput is its total calls divided by its wall time; each
 * call's latency goes into an HdrHistogram. Read results are compared with the data written
 * between phases, outside the timed window.
 */
final class LoadDriver {

    /** The four phases, in order. */
    static final String[] OPERATIONS = {"create", "read", "update", "delete"};

    private static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);

    private static final long PHASE_TIMEOUT_SECONDS = 300;

    private final Map<String, Object> created = Payload.created();

    private final Map<String, Object> updated = Payload.updated();

    /**
     * The outcome of one round.
     *
     * @param opsPerSecond throughput per phase
     * @param latencies latency histograms per phase, in nanoseconds
     */
    record Round(double[] opsPerSecond, Histogram[] latencies) {
    }

    /**
     * Runs one round.
     *
     * @param target the store
     * @param threads the number of threads, each with one call in flight
     * @param calls calls per phase over all threads
     * @return the round's throughput and latencies
     * @throws InterruptedException when interrupted
     */
    Round run(Target target, int threads, int calls) throws InterruptedException {
        CyclicBarrier barrier = new CyclicBarrier(threads + 1);
        AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
        List<Worker> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int share = calls / threads + ((t < calls % threads) ? 1 : 0);
            Worker worker = new Worker(target, share, barrier, failure);
            worker.thread.start();
            workers.add(worker);
        }
        double[] opsPerSecond = new double[OPERATIONS.length];
        try {
            for (int phase = 0; phase < OPERATIONS.length; phase++) {
                await(barrier);
                long start = System.nanoTime();
                await(barrier);
                opsPerSecond[phase] = calls / ((System.nanoTime() - start) / 1e9);
            }
        }
        catch (BrokenBarrierException | TimeoutException ex) {
            barrier.reset();
            for (Worker worker : workers) {
                worker.thread.interrupt();
            }
            Throwable cause = failure.get();
            throw new IllegalStateException("A " + threads + "-thread round failed: "
                    + ((cause != null) ? cause : ex), (cause != null) ? cause : ex);
        }
        finally {
            for (Worker worker : workers) {
                worker.thread.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
        Throwable cause = failure.get();
        if (cause != null) {
            throw new IllegalStateException("A " + threads + "-thread round failed: " + cause,
                    cause);
        }
        Histogram[] latencies = new Histogram[OPERATIONS.length];
        for (int phase = 0; phase < OPERATIONS.length; phase++) {
            latencies[phase] = new Histogram(MAX_LATENCY_NANOS, 3);
            for (Worker worker : workers) {
                latencies[phase].add(worker.latencies[phase]);
            }
        }
        return new Round(opsPerSecond, latencies);
    }

    private static void await(CyclicBarrier barrier)
            throws InterruptedException, BrokenBarrierException, TimeoutException {
        barrier.await(PHASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** One thread with its share of the tokens and its own histograms. */
    private final class Worker {

        private final Thread thread;

        private final Target target;

        private final String[] tokens;

        private final CyclicBarrier barrier;

        private final AtomicReference<@Nullable Throwable> failure;

        private final Histogram[] latencies = new Histogram[OPERATIONS.length];

        Worker(Target target, int share, CyclicBarrier barrier,
                AtomicReference<@Nullable Throwable> failure) {
            this.target = target;
            this.tokens = new String[share];
            this.barrier = barrier;
            this.failure = failure;
            for (int phase = 0; phase < OPERATIONS.length; phase++) {
                this.latencies[phase] = new Histogram(MAX_LATENCY_NANOS, 3);
            }
            this.thread = new Thread(this::work, "crudjt-bench-driver");
            this.thread.setDaemon(true);
        }

        private void work() {
            try {
                int count = this.tokens.length;
                List<@Nullable Map<String, Object>> reads = new ArrayList<>(count);
                await(this.barrier);
                for (int i = 0; i < count; i++) {
                    long start = System.nanoTime();
                    this.tokens[i] = this.target.create(LoadDriver.this.created);
                    record(0, start);
                }
                await(this.barrier);
                await(this.barrier);
                for (int i = 0; i < count; i++) {
                    long start = System.nanoTime();
                    reads.add(this.target.read(this.tokens[i]));
                    record(1, start);
                }
                await(this.barrier);
                checkReads(reads);
                await(this.barrier);
                int misses = 0;
                for (int i = 0; i < count; i++) {
                    long start = System.nanoTime();
                    misses += this.target.update(this.tokens[i], LoadDriver.this.updated) ? 0 : 1;
                    record(2, start);
                }
                await(this.barrier);
                await(this.barrier);
                for (int i = 0; i < count; i++) {
                    long start = System.nanoTime();
                    misses += this.target.delete(this.tokens[i]) ? 0 : 1;
                    record(3, start);
                }
                await(this.barrier);
                if (misses > 0) {
                    throw new IllegalStateException(misses + " updates or deletes found no "
                            + "token");
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            catch (BrokenBarrierException | TimeoutException ex) {
                this.failure.compareAndSet(null, ex);
            }
            catch (RuntimeException ex) {
                this.failure.compareAndSet(null, ex);
                this.barrier.reset();
            }
        }

        private void record(int phase, long start) {
            long elapsed = System.nanoTime() - start;
            this.latencies[phase].recordValue(Math.min(elapsed, MAX_LATENCY_NANOS));
        }

        private void checkReads(List<@Nullable Map<String, Object>> reads) {
            for (int i = 0; i < reads.size(); i++) {
                if (!LoadDriver.this.created.equals(reads.get(i))) {
                    throw new IllegalStateException("Read #" + i + " did not return the data "
                            + "that was written");
                }
            }
        }
    }
}
