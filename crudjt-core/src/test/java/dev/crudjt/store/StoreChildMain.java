package dev.crudjt.store;

import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtException;
import dev.crudjt.CrudJtMaster;
import dev.crudjt.Durability;
import dev.crudjt.MasterOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A master in a child JVM for tests. Arguments: store directory, Base64 key, and a mode:
 * {@code hold} opens the store and waits; {@code write} creates tokens forever, printing
 * {@code T <index> <token>} after each create and {@code COMMITTED <index>} once the tokens up to
 * that index have been committed. An optional fourth argument {@code sync} selects
 * {@link Durability#SYNC}.
 */
public final class StoreChildMain {

    private StoreChildMain() {
    }

    /**
     * Runs the child.
     *
     * @param args store directory, key and mode
     * @throws Exception on any failure, which ends the child
     */
    public static void main(String[] args) throws Exception {
        MasterOptions options = MasterOptions.builder()
                .secretKey(args[1])
                .storePath(Path.of(args[0]))
                .grpcPort(0)
                .commitInterval(Duration.ofMillis(100))
                .durability((args.length > 3 && args[3].equals("sync")) ? Durability.SYNC
                        : Durability.INTERVAL)
                .build();
        CrudJtMaster master;
        try {
            master = CrudJt.startMaster(options);
        }
        catch (CrudJtException ex) {
            System.out.println("FAILED " + ex.error() + " " + ex.getMessage());
            return;
        }
        System.out.println("READY");
        if (args[2].equals("hold")) {
            Thread.sleep(Long.MAX_VALUE);
        }
        long lastCommitReport = System.nanoTime();
        for (int i = 0; ; i++) {
            String token = master.create(Map.of("i", i, "pad", "p".repeat(100)));
            System.out.println("T " + i + " " + token);
            if (System.nanoTime() - lastCommitReport > 300_000_000L) {
                Thread.sleep(250);
                System.out.println("COMMITTED " + i);
                lastCommitReport = System.nanoTime();
            }
        }
    }
}
