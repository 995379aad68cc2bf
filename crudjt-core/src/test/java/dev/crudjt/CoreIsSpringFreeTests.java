package dev.crudjt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Fails the build when the core's main sources import Spring or leave bare TODO marks. */
class CoreIsSpringFreeTests {

    private static final Path MAIN = Path.of("src/main/java");

    @Test
    void mainSourcesImportNoSpring() throws IOException {
        assertThat(offending("import org.springframework")).isEmpty();
    }

    @Test
    void mainSourcesHaveNoBareTodo() throws IOException {
        List<String> todos = offending("TODO").stream()
                .filter((line) -> !line.matches(".*TODO\\(#\\d+\\).*")).toList();

        assertThat(todos).isEmpty();
    }

    private static List<String> offending(String text) throws IOException {
        assertThat(MAIN).isDirectory();
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter((file) -> file.toString().endsWith(".java"))
                    .flatMap((file) -> lines(file).stream()
                            .filter((line) -> line.contains(text))
                            .map((line) -> file + ": " + line.strip()))
                    .toList();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
