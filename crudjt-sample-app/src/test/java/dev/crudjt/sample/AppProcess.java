package dev.crudjt.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged sample app running in its own JVM, with its output in a log file. */
final class AppProcess implements AutoCloseable {

    private final Process process;

    private final Path log;

    private final int httpPort;

    private AppProcess(Process process, Path log, int httpPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    static AppProcess start(Path workingDirectory, String name, int httpPort, String... args)
            throws IOException {
        Path jar = Path.of(System.getProperty("sample.jar", "target/crudjt-sample-app.jar"))
                .toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Packaged app not found at " + jar
                    + "; run 'mvn verify' so that the jar is built first");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString(), "--server.port=" + httpPort));
        command.addAll(List.of(args));
        Path log = workingDirectory.resolve(name + ".log");
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new AppProcess(process, log, httpPort);
    }

    void awaitHealthy(HttpClient http) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!this.process.isAlive()) {
                throw new AssertionError("app exited with " + this.process.exitValue()
                        + "; log:\n" + log());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(url("/actuator/health"))).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            }
            catch (IOException ex) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("app did not become healthy within 120 s; log:\n" + log());
    }

    String url(String path) {
        return "http://127.0.0.1:" + this.httpPort + path;
    }

    String log() throws IOException {
        return Files.exists(this.log) ? Files.readString(this.log) : "";
    }

    void stop() throws InterruptedException {
        this.process.destroy();
        if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
            this.process.destroyForcibly();
            this.process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (this.process.isAlive()) {
            this.process.destroyForcibly();
            this.process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
