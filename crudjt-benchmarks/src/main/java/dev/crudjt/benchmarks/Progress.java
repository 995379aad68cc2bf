package dev.crudjt.benchmarks;

import java.util.Locale;

/**
 * Prints progress lines to standard output: elapsed time, phase and message. Never prints
 * tokens, keys or payloads.
 */
final class Progress {

    private final long start = System.nanoTime();

    /**
     * Prints one progress line.
     *
     * @param phase the phase, such as {@code in-process}
     * @param format a {@link String#format} pattern
     * @param args its arguments
     */
    void say(String phase, String format, Object... args) {
        long seconds = (System.nanoTime() - this.start) / 1_000_000_000L;
        String message = String.format(Locale.ROOT, format, args);
        System.out.printf(Locale.ROOT, "[%02d:%02d] %-10s %s%n", seconds / 60, seconds % 60,
                phase, message);
        System.out.flush();
    }

    /**
     * Returns the seconds since this object was made.
     *
     * @return the elapsed seconds
     */
    double elapsedSeconds() {
        return (System.nanoTime() - this.start) / 1e9;
    }
}
