package dev.crudjt.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtClient;
import dev.crudjt.CrudJtError;
import dev.crudjt.CrudJtException;
import dev.crudjt.TokenRead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Freezes a master in another JVM with SIGSTOP: calls of its clients must fail within their
 * timeout instead of hanging, and work at once after SIGCONT, with the same client.
 */
class FrozenMasterTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path directory;

    @Test
    void callsToAStoppedMasterFailWithinTheirTimeoutAndWorkAtOnceAfterContinue()
            throws Exception {
        ChildJvm master = ChildJvm.start(MasterProcessMain.class, this.directory.toString(), "0");
        try {
            int port = Integer.parseInt(master.awaitLine(MasterProcessMain.PORT_LINE,
                    Duration.ofSeconds(60)));
            try (CrudJtClient client = CrudJt.connectToMaster(TestMasters.clientOptions(port)
                    .timeout(TIMEOUT).build())) {
                String token = client.create(Map.of("frozen", false), null, 10L);
                assertThat(client.read(token)).isNotNull();

                signal("STOP", master.pid());
                awaitStopped(master.pid());
                for (int i = 0; i < 3; i++) {
                    long start = System.nanoTime();
                    CrudJtException ex = catchThrowableOfType(CrudJtException.class,
                            () -> client.read(token));
                    Duration took = Duration.ofNanos(System.nanoTime() - start);

                    assertThat(ex).as("call %d to the stopped master", i).isNotNull();
                    assertThat(ex.error()).isEqualTo(CrudJtError.MASTER_UNAVAILABLE);
                    assertThat(ex.getMessage()).contains("DEADLINE_EXCEEDED");
                    assertThat(took).isBetween(TIMEOUT.minusMillis(100), TIMEOUT.plusMillis(700));
                }
                signal("CONT", master.pid());
                long resumed = System.nanoTime();
                TokenRead read = client.read(token);
                Duration recovered = Duration.ofNanos(System.nanoTime() - resumed);

                assertThat(read).isNotNull();
                assertThat(read.data()).isEqualTo(Map.of("frozen", false));
                assertThat(read.silenceRead()).as("reads left: the timed-out reads may or may "
                        + "not have run").isBetween(5L, 8L);
                assertThat(recovered).isLessThan(Duration.ofMillis(500));
                assertThat(client.update(token, Map.of("frozen", true))).isTrue();
                assertThat(client.read(token).data()).isEqualTo(Map.of("frozen", true));
            }
        }
        finally {
            signal("CONT", master.pid());
            master.close();
        }
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start();
        try {
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(kill.exitValue()).as("kill -%s %d", name, pid).isZero();
        }
        finally {
            kill.destroyForcibly();
        }
    }

    /** Waits until every thread of the process shows the stopped state 'T' in /proc. */
    private static void awaitStopped(long pid) throws IOException, InterruptedException {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            boolean stopped = true;
            try (Stream<Path> threads = Files.list(tasks)) {
                for (Path thread : (Iterable<Path>) threads::iterator) {
                    String stat = Files.readString(thread.resolve("stat"));
                    char state = stat.charAt(stat.lastIndexOf(')') + 2);
                    stopped &= (state == 'T' || state == 't');
                }
            }
            if (stopped) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("process " + pid + " did not stop within 10 s of SIGSTOP");
    }
}
