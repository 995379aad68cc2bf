package dev.crudjt.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Measures a phase of the calling thread: wall time, and the CPU time of the calling thread,
 * which shows how much of the wall time other processes on a busy machine took.
 */
final class Stopwatch {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long wall;

    private long cpu;

    private Stopwatch() {
        this.wall = System.nanoTime();
        this.cpu = THREADS.getCurrentThreadCpuTime();
    }

    /**
     * Starts a stopwatch on the calling thread.
     *
     * @return the running stopwatch
     */
    static Stopwatch start() {
        return new Stopwatch();
    }

    /**
     * Ends the current phase and starts the next.
     *
     * @return wall seconds and CPU seconds of the phase that ended
     */
    double[] lap() {
        long wallNow = System.nanoTime();
        long cpuNow = THREADS.getCurrentThreadCpuTime();
        double[] lap = {(wallNow - this.wall) / 1e9, (cpuNow - this.cpu) / 1e9};
        this.wall = System.nanoTime();
        this.cpu = THREADS.getCurrentThreadCpuTime();
        return lap;
    }
}
