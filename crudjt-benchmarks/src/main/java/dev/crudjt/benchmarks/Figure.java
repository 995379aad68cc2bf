package dev.crudjt.benchmarks;

import java.util.Arrays;

/**
 * One measured figure: its median, minimum and maximum over the runs that measured it.
 *
 * @param name the figure's name, such as {@code inprocess.create.40k}
 * @param unit the unit of the values, such as {@code seconds} or {@code ops/s}
 * @param median the median of the samples: the mean of the two middle ones for an even count
 * @param min the smallest sample
 * @param max the largest sample
 */
record Figure(String name, String unit, double median, double min, double max) {

    /**
     * Summarises samples.
     *
     * @param name the figure's name
     * @param unit the unit of the samples
     * @param samples at least one sample
     * @return the figure
     */
    static Figure of(String name, String unit, double... samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("'samples' of figure '" + name + "' is empty");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        double median = (sorted.length % 2 == 1) ? sorted[middle]
                : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Figure(name, unit, median, sorted[0], sorted[sorted.length - 1]);
    }
}
