package dev.crudjt.grpc;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtMaster;
import dev.crudjt.Durability;
import dev.crudjt.MasterOptions;
import dev.crudjt.store.TokenStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * Runs a master in its own JVM for tests: {@code MasterProcessMain <storeDir> <port>
 * [maxDataSize=N] [durability=SYNC] [commitInterval=PT0.5S]}, on loopback with the test key and
 * the test commit interval of 100 ms unless one is given. Prints {@code MASTER_PORT <port>} once
 * it serves, and closes the master cleanly when its standard input ends or the JVM is asked
 * to stop (SIGTERM), from a shutdown hook, as an application that embeds a master must. Logs the
 * store at DEBUG, which reports every slow commit.
 */
public final class MasterProcessMain {

    /** Prefix of the line that reports the bound port. */
    public static final String PORT_LINE = "MASTER_PORT ";

    private MasterProcessMain() {
    }

    /**
     * Starts the master and serves until standard input ends.
     *
     * @param args the store directory, the port (0 for a free one), then optional
     *     {@code name=value} settings: {@code maxDataSize}, {@code durability} and
     *     {@code commitInterval} (ISO-8601)
     * @throws IOException when standard input fails
     */
    public static void main(String[] args) throws IOException {
        ((Logger) LoggerFactory.getLogger(TokenStore.class)).setLevel(Level.DEBUG);
        MasterOptions.Builder options = TestMasters.options(Path.of(args[0]),
                Integer.parseInt(args[1]));
        for (int i = 2; i < args.length; i++) {
            String[] setting = args[i].split("=", 2);
            switch (setting[0]) {
                case "maxDataSize" -> options.maxDataSize(Integer.parseInt(setting[1]));
                case "durability" -> options.durability(Durability.valueOf(setting[1]));
                case "commitInterval" -> options.commitInterval(Duration.parse(setting[1]));
                default -> throw new IllegalArgumentException("Unknown setting " + args[i]);
            }
        }
        try (CrudJtMaster master = CrudJt.startMaster(options.build())) {
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
