package dev.crudjt.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.crudjt.ClientOptions;
import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtClient;
import dev.crudjt.CrudJtMaster;
import dev.crudjt.TestKeys;
import dev.crudjt.TokenRead;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Starts a master on a store full of expired tokens while clients read live ones and extend
 * the ttl of tokens about to expire: the sweep must remove exactly the expired ones without
 * failing a call or slowing reads much. 500,000 expired tokens, or 1,000,000 with
 * {@code -Dcrudjt.reliability.long=true}.
 */
class StartupSweepTests {

    private static final boolean LONG = Boolean.getBoolean("crudjt.reliability.long");

    private static final int EXPIRED = LONG ? 1_000_000 : 500_000;

    private static final int LIVE = 2_000;

    private static final int SOON = 300;

    private static final int READERS = 4;

    /**
     * A stall bound, not a performance target: a sweep that held callers up would push the p99
     * to seconds. The figures themselves are printed, and measured properly in the benchmarks.
     */
    private static final Duration P99_LIMIT = Duration.ofSeconds(1);

    @TempDir
    Path directory;

    private final String key = TestKeys.randomKey(32);

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    private final Logger logger = (Logger) LoggerFactory.getLogger(TokenStore.class);

    @AfterEach
    void detachLogs() {
        this.logger.detachAppender(this.logs);
    }

    @Test
    void startUpSweepOfExpiredTokensKeepsLiveAndExtendedOnesAndReadsStayFast()
            throws Exception {
        long seedStart = System.nanoTime();
        StoreSeeds.Seeded seeded = StoreSeeds.seed(this.directory, this.key, EXPIRED, LIVE, SOON,
                Duration.ofMillis(4_000));
        System.out.printf("startup sweep: seeded %,d expired, %d live and %d soon-expiring "
                + "tokens in %d ms%n", EXPIRED, LIVE, SOON,
                (System.nanoTime() - seedStart) / 1_000_000);
        this.logs.start();
        this.logger.addAppender(this.logs);
        List<Read> reads = new CopyOnWriteArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        Map<String, Map<String, Object>> extended = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        int port = freePort();
        List<Thread> threads = new ArrayList<>();
        List<String> tokens = new ArrayList<>(seeded.live().keySet());
        for (int r = 0; r < READERS; r++) {
            int offset = r * 97;
            threads.add(start(port, (client) -> readLoop(client, tokens, seeded.live(), offset,
                    running, reads, failures), failures));
        }
        threads.add(start(port, (client) -> extend(client, seeded, extended, failures),
                failures));
        try (CrudJtMaster master = CrudJt.startMaster(TestKeys.options(this.directory, this.key)
                .grpcPort(port).build())) {
            long sweptAt = awaitSweep();
            Thread.sleep(Math.max(2_000, (sweptAt - seedStart) / 1_000_000 / 4));
            running.set(false);
            for (Thread thread : threads) {
                thread.join(30_000);
            }

            assertThat(failures).isEmpty();
            assertThat(extended).hasSize(SOON);
            assertThat(master.tokenCount()).isEqualTo(LIVE + SOON);
            try (CrudJtClient client = connect(port)) {
                for (Map.Entry<String, Map<String, Object>> entry : extended.entrySet()) {
                    TokenRead read = client.read(entry.getKey());
                    assertThat(read).as("extended %s", entry.getKey()).isNotNull();
                    assertThat(read.data()).isEqualTo(entry.getValue());
                    assertThat(read.ttl()).isGreaterThan(3_000L);
                }
            }
            report(reads, sweptAt, seeded, extended.size());
        }
        finally {
            running.set(false);
        }
    }

    private void report(List<Read> reads, long sweptAt,
            StoreSeeds.Seeded seeded, int extended) {
        List<Long> during = new ArrayList<>();
        List<Long> after = new ArrayList<>();
        for (Read read : reads) {
            (read.at() < sweptAt ? during : after).add(read.nanos());
        }
        String sweptLine = List.copyOf(this.logs.list).stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter((line) -> line.startsWith("Swept ")).findFirst().orElse("");
        long p99During = percentile(during, 99);
        long p99After = percentile(after, 99);
        System.out.printf("startup sweep: %s; %d reads during it (p99 %.2f ms, max %.2f ms), "
                + "%d after it (p99 %.2f ms, max %.2f ms); %d tokens extended, %s%n", sweptLine,
                during.size(), p99During / 1e6, percentile(during, 100) / 1e6, after.size(),
                p99After / 1e6, percentile(after, 100) / 1e6, extended,
                (seeded.soonExpiresAt() * 1_000_000 < wallNanos(sweptAt))
                        ? "their old expiry fell inside the sweep" : "the sweep ended before "
                        + "their old expiry");
        assertThat(sweptLine).startsWith("Swept " + EXPIRED + " expired tokens");
        assertThat(during).as("reads while the sweep ran").hasSizeGreaterThan(20);
        assertThat(after).hasSizeGreaterThan(20);
        assertThat(Duration.ofNanos(p99During)).isLessThan(P99_LIMIT);
        assertThat(Duration.ofNanos(p99After)).isLessThan(P99_LIMIT);
    }

    private static long wallNanos(long sweptAt) {
        long sweptAgo = System.nanoTime() - sweptAt;
        return System.currentTimeMillis() * 1_000_000 - sweptAgo;
    }

    private static void extend(CrudJtClient client, StoreSeeds.Seeded seeded,
            Map<String, Map<String, Object>> extended, List<String> failures) {
        for (String token : seeded.soon().keySet()) {
            Map<String, Object> data = Map.of("extended", token.substring(0, 4));
            if (client.update(token, data, 3_600L, null)) {
                extended.put(token, data);
            }
            else {
                failures.add("soon token " + token + " was gone "
                        + (seeded.soonExpiresAt() - System.currentTimeMillis())
                        + " ms before its ttl ended");
            }
        }
    }

    private static void readLoop(CrudJtClient client, List<String> tokens,
            Map<String, Map<String, Object>> expected, int offset, AtomicBoolean running,
            List<Read> reads, List<String> failures) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        for (int i = offset; running.get() && System.nanoTime() < deadline; i++) {
            String token = tokens.get(i % tokens.size());
            long start = System.nanoTime();
            try {
                TokenRead read = client.read(token);
                long took = System.nanoTime() - start;
                if (read == null || !read.data().equals(expected.get(token))) {
                    failures.add("live token " + token + " read as " + read);
                }
                reads.add(new Read(start, took));
            }
            catch (RuntimeException ex) {
                failures.add("read failed: " + ex);
                return;
            }
        }
    }

    private long awaitSweep() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            long at = eventNanos("Swept ");
            if (at != 0) {
                return at;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the start-up sweep did not finish within 5 minutes");
    }

    /** Returns the {@link System#nanoTime()} at which a log line was written, or 0. */
    private long eventNanos(String prefix) {
        for (ILoggingEvent event : List.copyOf(this.logs.list)) {
            if (event.getFormattedMessage().startsWith(prefix)) {
                long ago = System.currentTimeMillis() - event.getTimeStamp();
                return System.nanoTime() - ago * 1_000_000;
            }
        }
        return 0;
    }

    private static long percentile(List<Long> values, int percent) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** Starts a thread that connects as soon as the master serves, then runs a task. */
    private static Thread start(int port, Consumer<CrudJtClient> task, List<String> failures) {
        Thread thread = new Thread(() -> {
            try (CrudJtClient client = connect(port)) {
                task.accept(client);
            }
            catch (RuntimeException ex) {
                failures.add("client failed: " + ex);
            }
        }, "sweep-client");
        thread.start();
        return thread;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static CrudJtClient connect(int port) {
        return CrudJt.connectToMaster(ClientOptions.builder().grpcHost("127.0.0.1")
                .grpcPort(port).timeout(Duration.ofSeconds(5))
                .connectTimeout(Duration.ofMinutes(2)).build());
    }

    private record Read(long at, long nanos) {
    }
}
