package dev.crudjt.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Starts test main classes in child JVMs and reads their output line by line. */
final class ChildProcesses {

    private ChildProcesses() {
    }

    static Child start(Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new Child(process);
    }

    /** A running child JVM whose output lines are queued by a reader thread. */
    static final class Child implements AutoCloseable {

        private final Process process;

        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private final StringBuilder transcript = new StringBuilder();

        Child(Process process) {
            this.process = process;
            Thread reader = new Thread(this::pump, "child-output");
            reader.setDaemon(true);
            reader.start();
        }

        private void pump() {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    this.process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    this.lines.add(line);
                }
            }
            catch (IOException ex) {
                this.lines.add("EOF " + ex);
            }
        }

        String nextLine(long seconds) throws InterruptedException {
            String line = this.lines.poll(seconds, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("child printed nothing for " + seconds + " s; so far: "
                        + this.transcript);
            }
            this.transcript.append(line).append('\n');
            return line;
        }

        String awaitLine(String prefix, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                String line = nextLine(Math.max(1,
                        TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime())));
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            throw new AssertionError("child never printed '" + prefix + "'; output: "
                    + this.transcript);
        }

        void kill() throws InterruptedException {
            this.process.destroyForcibly();
            this.process.waitFor(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            kill();
        }
    }
}
