package dev.crudjt.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code results.json}: an array with one object per figure, each with {@code name},
 * {@code unit}, {@code median}, {@code min} and {@code max}.
 */
final class ResultsFile {

    private ResultsFile() {
    }

    /**
     * Writes the figures.
     *
     * @param results the run's figures
     * @param file the target file; its directory is created
     * @throws IOException when it cannot be written
     */
    static void write(Results results, Path file) throws IOException {
        List<Map<String, Object>> figures = new ArrayList<>();
        for (Figure figure : results.all()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", figure.name());
            entry.put("unit", figure.unit());
            entry.put("median", figure.median());
            entry.put("min", figure.min());
            entry.put("max", figure.max());
            figures.add(entry);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(),
                figures);
    }
}
