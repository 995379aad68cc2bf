package dev.crudjt.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Temporary directories and child processes of a run, and the shutdown hook that kills every
 * child still running when the JVM exits, also after a failure or Ctrl-C.
 */
final class Cleanup {

    private static final Set<Process> CHILDREN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CHILDREN.forEach(
                Process::destroyForcibly), "crudjt-bench-reaper"));
    }

    private Cleanup() {
    }

    /**
     * Creates a new temporary directory.
     *
     * @param label part of its name
     * @return the directory
     * @throws IOException when it cannot be created
     */
    static Path tempDirectory(String label) throws IOException {
        return Files.createTempDirectory("crudjt-bench-" + label + "-");
    }

    /**
     * Deletes a directory tree, reporting but not throwing when that fails.
     *
     * @param directory the directory
     */
    static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException ex) {
            System.err.println("Cannot delete '" + directory + "': " + ex.getMessage());
        }
    }

    /**
     * Registers a child process to be killed at exit.
     *
     * @param process the child
     * @return the same process
     */
    static Process register(Process process) {
        CHILDREN.add(process);
        return process;
    }

    /**
     * Stops a child: asks it to exit, waits up to the grace period, then kills it.
     *
     * @param process the child
     * @param graceSeconds how long to wait after the polite request
     */
    static void stop(Process process, long graceSeconds) {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
        catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        finally {
            CHILDREN.remove(process);
        }
    }
}
