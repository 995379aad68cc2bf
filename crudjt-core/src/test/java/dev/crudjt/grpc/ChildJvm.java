package dev.crudjt.grpc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A JVM started from the test class path to run one main class, whose output is read line by
 * line. Every child is killed when it is closed, and at the latest when the test JVM exits.
 */
public final class ChildJvm implements AutoCloseable {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(
                Process::destroyForcibly), "crudjt-child-reaper"));
    }

    private final String name;

    private final Process process;

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private final List<String> transcript = new ArrayList<>();

    private volatile boolean pumped;

    private ChildJvm(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(this::pump, "crudjt-child-output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a JVM that runs a main class with the test class path.
     *
     * @param mainClass the class whose main method runs
     * @param args its arguments
     * @return the running child
     * @throws IOException when the JVM cannot be started
     */
    public static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
        return start(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto"), mainClass, args);
    }

    /**
     * Starts a JVM with options that runs a main class with the test class path.
     *
     * @param jvmOptions options for the JVM, such as heap size
     * @param mainClass the class whose main method runs
     * @param args its arguments
     * @return the running child
     * @throws IOException when the JVM cannot be started
     */
    public static ChildJvm start(List<String> jvmOptions, Class<?> mainClass, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return start(mainClass.getSimpleName(), command);
    }

    /**
     * Starts a JVM with a full command line.
     *
     * @param name a short name for diagnostics
     * @param command the command line
     * @return the running child
     * @throws IOException when the JVM cannot be started
     */
    public static ChildJvm start(String name, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        RUNNING.add(process);
        return new ChildJvm(name, process);
    }

    /**
     * Waits for the next output line that starts with a prefix and returns the rest of it.
     *
     * @param prefix the prefix, such as {@code "MASTER_PORT "}
     * @param timeout how long to wait
     * @return the text after the prefix
     * @throws IllegalStateException when no such line came in time; the message holds the
     *     child's output so far
     */
    public String awaitLine(String prefix, Duration timeout) {
        List<String> lines = linesUntil(prefix, timeout);
        return lines.get(lines.size() - 1).substring(prefix.length()).trim();
    }

    /**
     * Waits for the next output line.
     *
     * @param timeout how long to wait
     * @return the line
     * @throws IllegalStateException when none came in time; the message holds the child's
     *     output so far
     */
    public String nextLine(Duration timeout) {
        try {
            String line = nextLine(System.nanoTime() + timeout.toNanos());
            if (line == null) {
                throw new IllegalStateException("Child '" + this.name + "' printed nothing "
                        + "within " + timeout + " (alive=" + this.process.isAlive()
                        + "); output:\n" + transcript());
            }
            return line;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", ex);
        }
    }

    /**
     * Waits for the next output line until a deadline, giving up early once the child has
     * exited and everything it printed was read.
     */
    private @Nullable String nextLine(long deadline) throws InterruptedException {
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return null;
            }
            boolean exited = !this.process.isAlive();
            String line = this.lines.poll(Math.min(remaining, 200_000_000L),
                    TimeUnit.NANOSECONDS);
            if (line != null || (exited && this.pumped)) {
                return line;
            }
        }
    }

    /**
     * Collects the child's output lines up to and including one that starts with a prefix.
     *
     * @param prefix the prefix of the last line, such as {@code "DONE"}
     * @param timeout how long to wait for it
     * @return the lines, the last one included
     * @throws IllegalStateException when no such line came in time
     */
    public List<String> linesUntil(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> collected = new ArrayList<>();
        try {
            while (true) {
                String line = nextLine(deadline);
                if (line == null) {
                    throw new IllegalStateException("Child '" + this.name + "' printed no line "
                            + "starting with '" + prefix + "' within " + timeout + " (alive="
                            + this.process.isAlive() + "); output:\n" + transcript());
                }
                collected.add(line);
                if (line.startsWith(prefix)) {
                    return collected;
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", ex);
        }
    }

    /**
     * Writes one line to the child's standard input.
     *
     * @param line the text
     * @throws IOException when the child's input is closed
     */
    public void send(String line) throws IOException {
        OutputStream input = this.process.getOutputStream();
        input.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        input.flush();
    }

    /**
     * Closes the child's standard input, which asks the test mains to stop cleanly, and waits
     * for the child to exit.
     *
     * @param timeout how long to wait
     * @return the exit code
     * @throws IllegalStateException when it did not exit in time
     */
    public int stop(Duration timeout) {
        try {
            this.process.getOutputStream().close();
            if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Child '" + this.name + "' did not exit within "
                        + timeout + "; output:\n" + transcript());
            }
            return this.process.exitValue();
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot close the input of '" + this.name + "'", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", ex);
        }
        finally {
            close();
        }
    }

    /**
     * Returns whether the child is still running.
     *
     * @return true until it exits or is killed
     */
    public boolean isAlive() {
        return this.process.isAlive();
    }

    /**
     * Returns the operating system's id of the child.
     *
     * @return the process id
     */
    public long pid() {
        return this.process.pid();
    }

    /**
     * Asks the child to stop with SIGTERM, as a service manager would, and waits for it. The
     * signal goes through the process handle, because {@link Process#destroy()} also closes the
     * pipes and would lose what the child prints while it stops.
     *
     * @param timeout how long to wait
     * @return the exit code
     * @throws IllegalStateException when it did not exit in time; it is then killed
     */
    public int terminate(Duration timeout) {
        this.process.toHandle().destroy();
        try {
            if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Child '" + this.name + "' did not stop on "
                        + "SIGTERM within " + timeout + "; output:\n" + transcript());
            }
            return this.process.exitValue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", ex);
        }
        finally {
            close();
        }
    }

    /** Kills the child at once, as a crash would, and waits until it is gone. */
    public void kill() {
        this.process.destroyForcibly();
        try {
            this.process.waitFor(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(this.process);
    }

    /**
     * Returns everything the child printed so far.
     *
     * @return the output lines joined by newlines
     */
    public String transcript() {
        synchronized (this.transcript) {
            return String.join("\n", this.transcript);
        }
    }

    @Override
    public void close() {
        if (this.process.isAlive()) {
            kill();
        }
        RUNNING.remove(this.process);
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                this.process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (this.transcript) {
                    this.transcript.add(line);
                }
                this.lines.add(line);
            }
        }
        catch (IOException ex) {
            synchronized (this.transcript) {
                this.transcript.add("(output closed: " + ex.getMessage() + ")");
            }
        }
        finally {
            this.pumped = true;
        }
    }
}
