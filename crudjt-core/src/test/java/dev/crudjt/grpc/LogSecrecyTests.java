package dev.crudjt.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures everything a master and a client print in a whole run in another JVM, standard
 * output and error with logback and java.util.logging, and looks for the key, the tokens and
 * the payload in it.
 */
class LogSecrecyTests {

    @TempDir
    Path directory;

    @Test
    void noTokenKeyOrPayloadAppearsInTheOutputOfAWholeRun() throws Exception {
        Path secrets = this.directory.resolve("secrets.txt");
        Path store = this.directory.resolve("store");
        String output;
        try (ChildJvm child = ChildJvm.start(FullRunMain.class, store.toString(),
                secrets.toString())) {
            child.awaitLine("FULL_RUN_DONE", Duration.ofSeconds(120));
            output = child.transcript();
        }
        List<String> values = Files.readAllLines(secrets);

        assertThat(values).hasSizeGreaterThanOrEqualTo(7);
        assertThat(output).contains("Token store opened at").contains("Token store closed at")
                .contains("different secret key").contains("is unavailable")
                .contains("CRUDJT client connected");
        for (String value : values) {
            assertThat(output).as("output of the whole run").doesNotContain(value);
        }
        assertThat(output).doesNotContain("PAYLOAD").doesNotContain("payload-key");
    }
}
