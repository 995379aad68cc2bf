package dev.crudjt.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtClient;
import dev.crudjt.store.StoreSeeds;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a master in another JVM again and again on the same store while a client writes to it,
 * and stops one with SIGTERM; every restart must open the store as it is and read back what
 * was acknowledged. With {@code -Dcrudjt.reliability.long=true} the phases are longer and the
 * start-up sweeps bigger.
 */
class CrashLoopTests {

    private static final boolean LONG = Boolean.getBoolean("crudjt.reliability.long");

    private static final long SEED = Long.getLong("crudjt.crash.seed", 0xC0FFEE_2026L);

    private static final int KILLS = LONG ? 50 : 20;

    private static final int SWEEP_KILLS = LONG ? 8 : 3;

    private static final int EXPIRED_SEED = LONG ? 400_000 : 150_000;

    private static final int MAX_PHASE_MILLIS = LONG ? 4_000 : 500;

    /**
     * The commit interval of the masters: long enough that a commit thread woken late on two
     * busy cores still commits in time, short enough that each phase spans several commits.
     */
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(250);

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static final int WRITERS = 4;

    private static final Pattern SLOW_COMMIT =
            Pattern.compile("Commit of '[^']*' took (\\d+) ms");

    @TempDir
    Path directory;

    @Test
    void killedMasterKeepsEveryWriteAcknowledgedBeforeItsLastCommitInterval() throws Exception {
        System.out.println("crash loop: seed " + SEED + ", " + KILLS + " kills");
        StoreSeeds.seedExpired(this.directory, TestMasters.SECRET_KEY, EXPIRED_SEED);
        Random random = new Random(SEED);
        WriteHistory history = new WriteHistory(WRITERS);
        int sweepKills = 0;
        int slowRestarts = 0;
        long slowestCommitMillis = 0;
        List<String> previousWarnings = List.of();
        long killedAt = System.nanoTime();
        for (int kill = 0; kill < KILLS; kill++) {
            ChildJvm master = startMaster();
            try {
                if (kill < SWEEP_KILLS) {
                    awaitStoreOpened(master);
                    Thread.sleep(random.nextInt(150));
                    if (!master.transcript().contains("Swept ")) {
                        sweepKills++;
                    }
                    master.kill();
                }
                else {
                    killedAt = writeUntilKilled(master, history, random,
                            durableBefore(killedAt, slowestCommitMillis), kill,
                            previousWarnings);
                }
                previousWarnings = master.transcript().lines()
                        .filter((line) -> line.contains(" WARN ")).toList();
                slowestCommitMillis = slowestCommitMillis(master.transcript());
                if (slowestCommitMillis > 0) {
                    slowRestarts++;
                }
                if (kill == SWEEP_KILLS) {
                    master.transcript().lines().filter((line) -> line.contains("Swept "))
                            .forEach((line) -> System.out.println("crash loop: after the sweep "
                                    + "kills: " + line.substring(line.indexOf("Swept "))));
                }
                assertThat(master.transcript()).as("log of restart %d", kill)
                        .doesNotContain(" ERROR ").doesNotContain("Exception");
            }
            finally {
                master.close();
            }
        }
        ChildJvm master = startMaster();
        try {
            int port = Integer.parseInt(master.awaitLine(MasterProcessMain.PORT_LINE,
                    START_TIMEOUT));
            try (CrudJtClient client = connect(port)) {
                assertThat(history.verifyAll(client, durableBefore(killedAt,
                        slowestCommitMillis))).isEmpty();
            }
            master.stop(Duration.ofSeconds(30));
        }
        finally {
            master.close();
        }

        System.out.println("crash loop: " + KILLS + " kills survived (" + sweepKills + " during "
                + "the start-up sweep), " + history.acknowledged() + " acknowledged writes, "
                + history.size() + " tokens, " + history.checks() + " read-back checks; "
                + slowRestarts + " killed masters reported a commit slower than a third of the "
                + "interval and were checked against the interval plus twice that commit");
        assertThat(history.writerFailures()).isEmpty();
        assertThat(sweepKills).as("kills before the start-up sweep finished").isPositive();
        assertThat(history.acknowledged()).isGreaterThan(KILLS * 10L);
    }

    @Test
    void sigtermClosesTheMasterCleanlyAndKeepsEveryAcknowledgedWrite() throws Exception {
        Random random = new Random(SEED + 1);
        WriteHistory history = new WriteHistory(WRITERS);
        ChildJvm master = startMaster();
        long stoppedAt;
        try {
            int port = Integer.parseInt(master.awaitLine(MasterProcessMain.PORT_LINE,
                    START_TIMEOUT));
            try (CrudJtClient client = connect(port)) {
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> writers = history.startWriters(client, random, stop);
                Thread.sleep(1_500);

                stoppedAt = System.nanoTime();
                master.terminate(Duration.ofSeconds(30));
                stop.set(true);
                for (Thread writer : writers) {
                    writer.join(TimeUnit.SECONDS.toMillis(30));
                }
            }
            assertThat(master.transcript()).contains("Token store closed at");
        }
        finally {
            master.close();
        }
        ChildJvm restarted = startMaster();
        try {
            int port = Integer.parseInt(restarted.awaitLine(MasterProcessMain.PORT_LINE,
                    START_TIMEOUT));
            try (CrudJtClient client = connect(port)) {
                assertThat(history.verifyAll(client, stoppedAt)).isEmpty();
            }
        }
        finally {
            restarted.close();
        }
        assertThat(history.writerFailures()).isEmpty();
        assertThat(history.acknowledged()).isGreaterThan(100);
    }

    /**
     * Returns the moment before which every acknowledged write must have survived a kill: one
     * commit interval before it, as the store promises while commits are fast. When the killed
     * master reported a commit slower than a third of the interval, the store's promise is
     * void by its own log; the write may then also wait for that commit and the next one.
     */
    private static long durableBefore(long killedAt, long slowestCommitMillis) {
        return killedAt - COMMIT_INTERVAL.toNanos()
                - TimeUnit.MILLISECONDS.toNanos(2 * slowestCommitMillis);
    }

    /** Waits until the master has opened its store, which starts the start-up sweep. */
    private static void awaitStoreOpened(ChildJvm master) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!master.transcript().contains("Token store opened at")) {
            assertThat(System.nanoTime()).as("master opened its store in time")
                    .isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** Returns the longest commit a master reported as slow, or 0 when none was. */
    private static long slowestCommitMillis(String transcript) {
        Matcher matcher = SLOW_COMMIT.matcher(transcript);
        long slowest = 0;
        while (matcher.find()) {
            slowest = Math.max(slowest, Long.parseLong(matcher.group(1)));
        }
        return slowest;
    }

    private static long writeUntilKilled(ChildJvm master, WriteHistory history, Random random,
            long durableBefore, int kill, List<String> previousWarnings)
            throws InterruptedException {
        int port = Integer.parseInt(master.awaitLine(MasterProcessMain.PORT_LINE,
                START_TIMEOUT));
        try (CrudJtClient client = connect(port)) {
            assertThat(history.verify(client, durableBefore, 200, random))
                    .as("restart %d; warnings of the killed master: %s", kill, previousWarnings)
                    .isEmpty();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = history.startWriters(client, random, stop);
            Thread.sleep(100 + random.nextInt(MAX_PHASE_MILLIS));
            long now = System.nanoTime();
            master.kill();
            stop.set(true);
            for (Thread writer : writers) {
                writer.join(TimeUnit.SECONDS.toMillis(30));
            }
            return now;
        }
    }

    private ChildJvm startMaster() throws IOException {
        return ChildJvm.start(MasterProcessMain.class, this.directory.toString(), "0",
                "durability=INTERVAL", "commitInterval=" + COMMIT_INTERVAL);
    }

    private static CrudJtClient connect(int port) {
        return CrudJt.connectToMaster(TestMasters.clientOptions(port)
                .timeout(Duration.ofSeconds(5)).connectTimeout(START_TIMEOUT).build());
    }
}
