package dev.crudjt.grpc;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtMaster;
import dev.crudjt.Durability;
import dev.crudjt.store.TokenStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * Runs a master in its own JVM for tests: {@code MasterProcessMain <storeDir> <port>
 * [maxDataSize] [durability] [commitIntervalMillis]}, on loopback with the test key. Prints
 * {@code MASTER_PORT <port>} once it serves, and closes the master cleanly when its standard
 * input ends or the JVM is asked to stop (SIGTERM), from a shutdown hook, as an application
 * that embeds a master must. Logs the store at DEBUG, which reports every slow commit.
 */
public final class MasterProcessMain {

    /** Prefix of the line that reports the bound port. */
    public static final String PORT_LINE = "MASTER_PORT ";

    private MasterProcessMain() {
    }

    /**
     * Starts the master and serves until standard input ends.
     *
     * @param args the store directory, the port (0 for a free one), and optionally the data size
     *     limit, the durability ({@code INTERVAL} or {@code SYNC}) and the commit interval
     * @throws IOException when standard input fails
     */
    public static void main(String[] args) throws IOException {
        ((Logger) LoggerFactory.getLogger(TokenStore.class)).setLevel(Level.DEBUG);
        Path directory = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int maxDataSize = (args.length > 2) ? Integer.parseInt(args[2]) : 256;
        Durability durability = (args.length > 3) ? Durability.valueOf(args[3])
                : Durability.INTERVAL;
        Duration commitInterval = Duration.ofMillis((args.length > 4)
                ? Long.parseLong(args[4]) : 100);
        try (CrudJtMaster master = CrudJt.startMaster(TestMasters.options(directory, port)
                .maxDataSize(maxDataSize).durability(durability).commitInterval(commitInterval)
                .build())) {
            Runtime.getRuntime().addShutdownHook(new Thread(master::close, "master-close"));
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
