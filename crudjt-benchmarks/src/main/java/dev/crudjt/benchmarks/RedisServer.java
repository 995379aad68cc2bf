package dev.crudjt.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A {@code redis-server} started for the run on a free port of 127.0.0.1, with an append-only
 * file fsynced every second and no RDB snapshots, in a temporary directory. Closing it stops
 * the server; a shutdown hook kills it if the JVM exits first.
 */
final class RedisServer implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final Process process;

    private final int port;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Finds {@code redis-server} on the {@code PATH}.
     *
     * @return its path, or null when it is not installed
     */
    static @Nullable Path findExecutable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(entry, "redis-server");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Returns what {@code redis-server --version} prints.
     *
     * @param executable the server
     * @return the version line
     * @throws IOException when it cannot be run
     * @throws InterruptedException when interrupted
     */
    static String version(Path executable) throws IOException, InterruptedException {
        Process process = Cleanup.register(new ProcessBuilder(executable.toString(), "--version")
                .redirectErrorStream(true).start());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                process.getInputStream(), StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            process.waitFor(10, TimeUnit.SECONDS);
            return (line != null) ? line.trim() : "unknown";
        }
        finally {
            Cleanup.stop(process, 1);
        }
    }

    /**
     * Starts a server and waits until it answers {@code PING}.
     *
     * @param executable the server
     * @param directory its working directory, for the append-only file and the log
     * @return the running server
     * @throws IOException when it cannot be started or does not answer within 15 seconds
     * @throws InterruptedException when interrupted
     */
    static RedisServer start(Path executable, Path directory)
            throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            List<String> command = List.of(executable.toString(), "--bind", LOOPBACK,
                    "--port", Integer.toString(port), "--dir", directory.toString(),
                    "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
                    "--daemonize", "no", "--protected-mode", "yes");
            Process process = Cleanup.register(new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("redis.log").toFile())
                    .start());
            RedisServer server = new RedisServer(process, port);
            try {
                server.awaitPing();
                return server;
            }
            catch (IOException ex) {
                server.close();
                last = ex;
            }
        }
        throw new IOException("redis-server did not start; see its log in '" + directory + "'",
                last);
    }

    /**
     * Returns the port the server listens on, on 127.0.0.1.
     *
     * @return the port
     */
    int port() {
        return this.port;
    }

    private void awaitPing() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!this.process.isAlive()) {
                throw new IOException("redis-server exited with " + this.process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LOOPBACK, this.port), 1000);
                socket.setSoTimeout(1000);
                OutputStream out = socket.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] answer = in.readNBytes(7);
                if ("+PONG\r\n".equals(new String(answer, StandardCharsets.US_ASCII))) {
                    return;
                }
            }
            catch (IOException ex) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        throw new IOException("redis-server did not answer PING on " + LOOPBACK + ":"
                + this.port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 seconds). */
    @Override
    public void close() {
        Cleanup.stop(this.process, 10);
    }
}
