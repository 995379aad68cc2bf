package dev.crudjt.benchmarks;

import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtMaster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The master JVM of the remote figures: {@code MasterProcess <storeDir>}. Serves a store with
 * the default options and a random key on a free port of 127.0.0.1, prints
 * {@code MASTER_PORT <port>}, and closes the master when its standard input ends, which
 * happens at the latest when the benchmark JVM exits. It also exits by itself after
 * {@value #MAX_LIFETIME_MINUTES} minutes.
 */
public final class MasterProcess {

    /** Prefix of the line that reports the bound port. */
    static final String PORT_LINE = "MASTER_PORT ";

    private static final long MAX_LIFETIME_MINUTES = 60;

    private MasterProcess() {
    }

    /**
     * Serves the store until standard input ends.
     *
     * @param args the store directory
     * @throws IOException when standard input fails
     */
    public static void main(String[] args) throws IOException {
        Thread watchdog = new Thread(() -> {
            try {
                TimeUnit.MINUTES.sleep(MAX_LIFETIME_MINUTES);
                System.err.println("Master process ran out of time; exiting");
                System.exit(3);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, "crudjt-bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try (CrudJtMaster master = CrudJt.startMaster(Masters.options(Path.of(args[0]))
                .build())) {
            System.out.println(PORT_LINE + master.grpcAddress().getPort());
            System.out.flush();
            InputStream input = System.in;
            while (input.read() >= 0) {
                continue;
            }
        }
        System.out.println("MASTER_CLOSED");
        System.out.flush();
    }
}
