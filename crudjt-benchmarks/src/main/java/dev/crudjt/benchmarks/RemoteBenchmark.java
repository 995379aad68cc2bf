package dev.crudjt.benchmarks;

import dev.crudjt.ClientOptions;
import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtClient;
import dev.crudjt.TokenRead;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Figure 3: a master in a second JVM, driven over loopback gRPC by one shared
 * {@link CrudJtClient} (one HTTP/2 connection) from this JVM, with 1, 8 and 50 threads, each
 * thread one blocking call in flight.
 */
final class RemoteBenchmark {

    private static final String[] NAMES = {"create", "read", "update", "delete"};

    private final Settings settings;

    private final Progress progress;

    private final Results results;

    RemoteBenchmark(Settings settings, Progress progress, Results results) {
        this.settings = settings;
        this.progress = progress;
        this.results = results;
    }

    /**
     * Starts the master JVM, measures, and stops it.
     *
     * @throws IOException when the master JVM cannot be started
     * @throws InterruptedException when interrupted
     */
    void run() throws IOException, InterruptedException {
        Path directory = Cleanup.tempDirectory("remote");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"),
                MasterProcess.class.getName(), directory.toString()));
        String jvmOptions = System.getProperty("crudjt.bench.masterJvmOptions");
        if (jvmOptions != null && !jvmOptions.isBlank()) {
            command.addAll(1, List.of(jvmOptions.trim().split("\\s+")));
        }
        Process process = Cleanup.register(new ProcessBuilder(command).redirectErrorStream(true)
                .start());
        try {
            BlockingQueue<String> lines = pump(process);
            int port = Integer.parseInt(awaitPort(lines, process));
            this.progress.say("remote", "master JVM serving on 127.0.0.1:%d", port);
            ClientOptions options = ClientOptions.builder().grpcHost("127.0.0.1")
                    .grpcPort(port).build();
            try (CrudJtClient client = CrudJt.connectToMaster(options)) {
                ServerRounds.measure(new CrudJtTarget(client), "remote", NAMES, this.settings,
                        this.progress, this.results);
            }
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                this.progress.say("remote", "master JVM did not exit within 30 s; killing it");
            }
        }
        finally {
            Cleanup.stop(process, 5);
            Cleanup.deleteTree(directory);
        }
        this.results.note("remote", "Master: a second JVM (-Xmx1g, default options) started by "
                + "the command; client: this JVM, one shared CrudJtClient (one HTTP/2 "
                + "connection) used by 1, 8 or 50 platform threads, each with one blocking call "
                + "in flight (\"50 in flight\" = 50 threads). " + this.settings.remoteOps()
                + " calls per operation per round, split over the threads; one warm-up round, "
                + this.settings.remoteRounds() + " measured round(s).");
    }

    private static BlockingQueue<String> pump(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            }
            catch (IOException ex) {
                lines.add("(output closed: " + ex.getMessage() + ")");
            }
        }, "crudjt-bench-master-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String awaitPort(BlockingQueue<String> lines, Process process)
            throws InterruptedException {
        StringBuilder transcript = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(250, TimeUnit.MILLISECONDS);
            if (line == null) {
                if (!process.isAlive() && lines.isEmpty()) {
                    break;
                }
                continue;
            }
            if (line.startsWith(MasterProcess.PORT_LINE)) {
                return line.substring(MasterProcess.PORT_LINE.length()).trim();
            }
            transcript.append(line).append('\n');
        }
        throw new IllegalStateException("The master JVM did not report its port; output:\n"
                + transcript);
    }

    /** CRUDJT through the blocking client. */
    private record CrudJtTarget(CrudJtClient client) implements Target {

        @Override
        public String create(Map<String, Object> data) {
            return this.client.create(data, InProcessBenchmark.TTL, null);
        }

        @Override
        public @Nullable Map<String, Object> read(String token) {
            TokenRead read = this.client.read(token);
            return (read != null) ? read.data() : null;
        }

        @Override
        public boolean update(String token, Map<String, Object> data) {
            return this.client.update(token, data, InProcessBenchmark.TTL, null);
        }

        @Override
        public boolean delete(String token) {
            return this.client.delete(token);
        }
    }
}
