package dev.crudjt.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How much the benchmark does: the full run, or {@code --quick} with one run per figure, fewer
 * remote calls, a shorter churn and a smaller scale store.
 *
 * @param quick whether this is a quick run
 * @param warmups unmeasured rounds before the in-process and JWT runs
 * @param runs measured in-process and JWT runs per figure
 * @param remoteOps calls per operation and round against a server, split over the threads
 * @param remoteRounds measured rounds per concurrency against a server
 * @param churn how long the churn over 1,000 live tokens lasts
 * @param churnSample interval between file size samples during the churn
 * @param scaleTokens tokens in the scale store
 * @param scaleReads timed random reads per store size
 * @param reopens timed reopenings of the scale store
 * @param phases the phases to run
 */
record Settings(boolean quick, int warmups, int runs, int remoteOps, int remoteRounds,
        Duration churn, Duration churnSample, int scaleTokens, int scaleReads, int reopens,
        Set<String> phases) {

    /** Every phase, in the order they run. */
    static final List<String> ALL_PHASES = List.of("inprocess", "coldread", "jwt", "remote",
            "redis", "disk", "scale");

    /** Operations per in-process figure, as users compare them. */
    static final int COUNT = 40_000;

    /** Concurrencies of the remote and Redis measurements. */
    static final int[] CONCURRENCY = {1, 8, 50};

    /**
     * Returns the settings of a full or quick run.
     *
     * @param quick whether to make a quick run
     * @param phases the phases to run
     * @return the settings
     */
    static Settings of(boolean quick, Set<String> phases) {
        if (quick) {
            return new Settings(true, 1, 1, 10_000, 1, Duration.ofSeconds(30),
                    Duration.ofSeconds(1), 100_000, 50_000, 1, phases);
        }
        return new Settings(false, 3, 10, COUNT, 3, Duration.ofMinutes(5), Duration.ofSeconds(5),
                1_000_000, 200_000, 3, phases);
    }

    /**
     * Returns whether a phase runs.
     *
     * @param phase one of {@link #ALL_PHASES}
     * @return true when it runs
     */
    boolean runs(String phase) {
        return this.phases.contains(phase);
    }
}
