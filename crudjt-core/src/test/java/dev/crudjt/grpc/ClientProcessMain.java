package dev.crudjt.grpc;

import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a client in its own JVM for tests: {@code ClientProcessMain <port> <token> <threads>
 * <readsPerThread>}. It connects, prints {@code READY}, waits for a {@code GO} line on standard
 * input so that several processes start together, has every thread read the token, and prints
 * {@code SUCCESSES <n>} and {@code FAILURES <n>}: reads that returned data and calls that threw.
 */
public final class ClientProcessMain {

    private ClientProcessMain() {
    }

    /**
     * Connects and reads the token from many threads.
     *
     * @param args the master's port, the token, the number of threads and reads per thread
     * @throws Exception when standard input fails or the threads are interrupted
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String token = args[1];
        int threads = Integer.parseInt(args[2]);
        int reads = Integer.parseInt(args[3]);
        AtomicInteger successes = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        try (CrudJtClient client = CrudJt.connectToMaster(TestMasters.clientOptions(port)
                .build())) {
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    awaitQuietly(go);
                    for (int i = 0; i < reads; i++) {
                        try {
                            if (client.read(token) != null) {
                                successes.incrementAndGet();
                            }
                        }
                        catch (RuntimeException ex) {
                            failures.incrementAndGet();
                        }
                    }
                });
                worker.start();
                workers.add(worker);
            }
            System.out.println("READY");
            System.out.flush();
            BufferedReader input = new BufferedReader(new InputStreamReader(System.in,
                    StandardCharsets.UTF_8));
            String line;
            while ((line = input.readLine()) != null && !line.equals("GO")) {
                continue;
            }
            go.countDown();
            for (Thread worker : workers) {
                worker.join();
            }
        }
        System.out.println("SUCCESSES " + successes.get());
        System.out.println("FAILURES " + failures.get());
        System.out.flush();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
