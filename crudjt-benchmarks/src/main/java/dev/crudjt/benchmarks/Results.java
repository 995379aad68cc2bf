package dev.crudjt.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a run measured: the figures by name, notes on how some were taken, the reasons why
 * others could not be, and the file size samples of the churn. Used from one thread.
 */
final class Results {

    private final Map<String, Figure> figures = new LinkedHashMap<>();

    private final Map<String, List<String>> notes = new LinkedHashMap<>();

    private final Map<String, String> unavailable = new LinkedHashMap<>();

    private final List<long[]> churnSamples = new ArrayList<>();

    /**
     * Adds a figure, replacing one of the same name.
     *
     * @param figure the figure
     */
    void add(Figure figure) {
        this.figures.put(figure.name(), figure);
    }

    /**
     * Returns a figure.
     *
     * @param name its name
     * @return the figure, or null if it was not measured
     */
    @Nullable Figure get(String name) {
        return this.figures.get(name);
    }

    /**
     * Returns every figure in the order they were added.
     *
     * @return the figures
     */
    Collection<Figure> all() {
        return this.figures.values();
    }

    /**
     * Records how a section's figures were taken.
     *
     * @param section the section, such as {@code disk}
     * @param text one sentence
     */
    void note(String section, String text) {
        this.notes.computeIfAbsent(section, (key) -> new ArrayList<>()).add(text);
    }

    /**
     * Returns the notes of a section.
     *
     * @param section the section
     * @return the notes, empty if none
     */
    List<String> notes(String section) {
        return this.notes.getOrDefault(section, List.of());
    }

    /**
     * Records that a section could not be measured.
     *
     * @param section the section
     * @param reason why, in one sentence
     */
    void unavailable(String section, String reason) {
        this.unavailable.put(section, reason);
    }

    /**
     * Returns why a section could not be measured.
     *
     * @param section the section
     * @return the reason, or null if it was measured or not run
     */
    @Nullable String unavailableReason(String section) {
        return this.unavailable.get(section);
    }

    /**
     * Records one file size sample of the churn.
     *
     * @param elapsedMillis milliseconds since the churn started
     * @param bytes the store file size
     * @param operations operations done so far
     */
    void churnSample(long elapsedMillis, long bytes, long operations) {
        this.churnSamples.add(new long[] {elapsedMillis, bytes, operations});
    }

    /**
     * Returns the churn samples: elapsed milliseconds, file bytes and operations so far.
     *
     * @return the samples in time order
     */
    List<long[]> churnSamples() {
        return this.churnSamples;
    }
}
