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

    @TempDir
    Path directory;

    @Test
    void killedMasterKeepsEveryWriteAcknowledgedBeforeItsLastCommitInterval() throws Exception {
        System.out.println("crash loop: seed " + SEED + ", " + KILLS + " kills");
        StoreSeeds.seedExpired(this.directory, TestMasters.SECRET_KEY, EXPIRED_SEED);
        Random random = new Random(SEED);
        WriteHistory history = new WriteHistory(WRITERS);
        int sweepKills = 0;
        List<String> previousWarnings = List.of();
        long killedAt = System.nanoTime();
        for (int kill = 0; kill < KILLS; kill++) {
            ChildJvm master = startMaster();
            try {
                if (kill < SWEEP_KILLS) {
                    master.awaitLine("", START_TIMEOUT);
                    Thread.sleep(200 + random.nextInt(100));
                    if (!master.transcript().contains("Swept ")) {
                        sweepKills++;
                    }
                    master.kill();
                }
                else {
                    killedAt = writeUntilKilled(master, history, random, killedAt, kill,
                            previousWarnings);
                }
                previousWarnings = master.transcript().lines()
                        .filter((line) -> line.contains(" WARN ")).toList();
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
                assertThat(history.verifyAll(client, killedAt - COMMIT_INTERVAL.toNanos()))
                        .isEmpty();
            }
            master.stop(Duration.ofSeconds(30));
        }
        finally {
            master.close();
        }

        System.out.println("crash loop: " + KILLS + " kills survived (" + sweepKills + " during "
                + "the start-up sweep), " + history.acknowledged() + " acknowledged writes, "
                + history.size() + " tokens, " + history.checks() + " read-back checks");
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

    private static long writeUntilKilled(ChildJvm master, WriteHistory history, Random random,
            long killedAt, int kill, List<String> previousWarnings) throws InterruptedException {
        int port = Integer.parseInt(master.awaitLine(MasterProcessMain.PORT_LINE,
                START_TIMEOUT));
        try (CrudJtClient client = connect(port)) {
            assertThat(history.verify(client, killedAt - COMMIT_INTERVAL.toNanos(), 200,
                    random)).as("restart %d; warnings of the killed master: %s", kill,
                    previousWarnings).isEmpty();
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
