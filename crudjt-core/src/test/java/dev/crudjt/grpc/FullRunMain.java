package dev.crudjt.grpc;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtClient;
import dev.crudjt.CrudJtMaster;
import dev.crudjt.MasterOptions;
import dev.crudjt.TokenRead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * A whole life of a master and a client in one JVM for the log test: {@code FullRunMain
 * <storeDir> <secretsFile>}. Logs CRUDJT at TRACE and runs every operation, with and without
 * limits, bad input, a wrong key, a master that goes away and comes back, and both closes. It
 * never prints a secret: the key, tokens and payload values are written to the secrets file,
 * one a line, for the test to look for in the output.
 */
public final class FullRunMain {

    private FullRunMain() {
    }

    /**
     * Runs the whole life.
     *
     * @param args the store directory and the file to write the secrets to
     * @throws Exception when the run fails, which ends the child with a stack trace
     */
    public static void main(String[] args) throws Exception {
        ((Logger) LoggerFactory.getLogger("dev.crudjt")).setLevel(Level.TRACE);
        Path directory = Path.of(args[0]);
        Path secrets = Path.of(args[1]);
        byte[] keyBytes = new byte[48];
        new SecureRandom().nextBytes(keyBytes);
        String key = Base64.getEncoder().encodeToString(keyBytes);
        secret(secrets, key);
        secret(secrets, "PAYLOAD-VALUE-7f3a");
        secret(secrets, "payload-key-91c2");
        Map<String, Object> data = Map.of("payload-key-91c2", "PAYLOAD-VALUE-7f3a", "n", 1);
        MasterOptions options = MasterOptions.builder().secretKey(key).storePath(directory)
                .grpcPort(0).commitInterval(Duration.ofMillis(50)).build();
        int port;
        try (CrudJtMaster master = CrudJt.startMaster(options)) {
            port = master.grpcAddress().getPort();
            try (CrudJtClient client = CrudJt.connectToMaster(TestMasters.clientOptions(port)
                    .build())) {
                String inProcess = secret(secrets, master.create(data, 60L, 3L));
                String remote = secret(secrets, client.create(data));
                String limited = secret(secrets, client.create(data, 1L, 1L));
                expect(client.read(inProcess) != null && master.read(remote) != null);
                expect(client.read(limited) != null && client.read(limited) == null);
                expect(client.update(remote, Map.of("PAYLOAD-VALUE-7f3a", "x"), 5L, 2L));
                expect(master.update(inProcess, data));
                expect(client.delete(remote) && !client.delete(remote));
                expect(client.read("AAAAAAAAAAAAAAAAAAAAAA") == null);
                Map<String, Object> big = Map.of("big", "PAYLOAD-VALUE-7f3a".repeat(40));
                expectFailure(() -> client.create(big));
                expectFailure(() -> master.create(big));
                expectFailure(() -> client.create(data, -1L, null));
                expectFailure(() -> client.read(" "));
            }
        }
        try (CrudJtMaster late = CrudJt.startMaster(MasterOptions.builder().secretKey(key)
                .storePath(directory).grpcPort(port).build());
                CrudJtClient client = CrudJt.connectToMaster(TestMasters.clientOptions(port)
                        .build())) {
            TokenRead read = client.read(Files.readAllLines(secrets).get(3));
            expect(read != null && read.data().equals(data));
            late.close();
            expectFailure(() -> client.read("AAAAAAAAAAAAAAAAAAAAAA"));
        }
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        String wrongKey = secret(secrets, Base64.getEncoder().encodeToString(otherKey));
        try (CrudJtMaster wrong = CrudJt.startMaster(MasterOptions.builder().secretKey(wrongKey)
                .storePath(directory).grpcPort(0).build())) {
            expect(wrong.read(Files.readAllLines(secrets).get(3)) == null);
        }
        System.out.println("FULL_RUN_DONE");
    }

    private static String secret(Path secrets, String value) throws IOException {
        Files.writeString(secrets, value + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return value;
    }

    private static void expect(boolean condition) {
        if (!condition) {
            throw new IllegalStateException("an operation of the full run gave a wrong result");
        }
    }

    private static void expectFailure(Runnable call) {
        try {
            call.run();
        }
        catch (RuntimeException ex) {
            return;
        }
        throw new IllegalStateException("an operation of the full run should have failed");
    }
}
