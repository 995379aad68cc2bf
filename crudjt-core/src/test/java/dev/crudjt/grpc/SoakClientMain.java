package dev.crudjt.grpc;

import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtClient;
import dev.crudjt.TokenRead;
import dev.crudjt.json.JsonCodec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client process of the soak test: {@code SoakClientMain <port> <threads> <seed>}. Prints
 * {@code READY}, waits for {@code GO}, then every thread runs a mix of all operations with and
 * without limits, checking the result of each, and reads the shared tokens announced on
 * standard input ({@code SHARED <token>:<limit> ...}) until they are used up. After
 * {@code END} it
 * prints its tallies: {@code SHARED_READS <token>=<n> ...}, {@code DEAD <token>},
 * {@code LIVE <token> <json>}, {@code CHECKS <n>}, {@code FAILURES <n>}, {@code VIOLATION ...}
 * and {@code DONE}.
 */
public final class SoakClientMain {

    private static final int SAMPLE = 1_500;

    private final CrudJtClient client;

    private final Map<String, Shared> shared = new ConcurrentHashMap<>();

    private final List<String> sharedOrder = new CopyOnWriteArrayList<>();

    private final AtomicLong checks = new AtomicLong();

    private final AtomicLong failures = new AtomicLong();

    private final List<String> violations = new CopyOnWriteArrayList<>();

    private final List<String> dead = new CopyOnWriteArrayList<>();

    private final Map<String, Map<String, Object>> live = new ConcurrentHashMap<>();

    private SoakClientMain(CrudJtClient client) {
        this.client = client;
    }

    /**
     * Runs the client.
     *
     * @param args port, threads and seed
     * @throws Exception when standard input fails
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        try (CrudJtClient client = CrudJt.connectToMaster(TestMasters.clientOptions(port)
                .timeout(Duration.ofSeconds(10)).connectTimeout(Duration.ofSeconds(60))
                .build())) {
            new SoakClientMain(client).run(threads, seed);
        }
    }

    private void run(int threads, long seed) throws Exception {
        System.out.println("READY");
        System.out.flush();
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in,
                StandardCharsets.UTF_8));
        String line;
        while ((line = input.readLine()) != null && !line.equals("GO")) {
            continue;
        }
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch done = new CountDownLatch(threads);
        Random seeds = new Random(seed);
        for (int t = 0; t < threads; t++) {
            Random random = new Random(seeds.nextLong());
            int id = t;
            Thread worker = new Thread(() -> {
                try {
                    work(id, random, running);
                }
                finally {
                    done.countDown();
                }
            }, "soak-" + t);
            worker.start();
        }
        while ((line = input.readLine()) != null && !line.equals("END")) {
            if (line.startsWith("SHARED ")) {
                for (String item : line.substring(7).split(" ")) {
                    String[] parts = item.split(":");
                    this.shared.put(parts[0], new Shared(Integer.parseInt(parts[1])));
                    this.sharedOrder.add(parts[0]);
                }
            }
        }
        running.set(false);
        done.await();
        report();
    }

    private void work(int id, Random random, AtomicBoolean running) {
        List<long[]> expiring = new ArrayList<>();
        List<String> expiringTokens = new ArrayList<>();
        long deadline = System.nanoTime() + 3_600_000_000_000L;
        for (int i = 0; running.get() && System.nanoTime() < deadline; i++) {
            try {
                int op = random.nextInt(10);
                if (op < 3) {
                    readShared(random);
                }
                else if (op < 5) {
                    limitedReads(id, i, random);
                }
                else if (op < 7) {
                    updateThenDelete(id, i, random);
                }
                else if (op < 8) {
                    String token = this.client.create(Map.of("ttl", 1, "i", i), 1L, null);
                    expiring.add(new long[] {System.nanoTime()});
                    expiringTokens.add(token);
                }
                else {
                    keepLive(id, i, random);
                }
                checkExpired(expiring, expiringTokens);
            }
            catch (RuntimeException ex) {
                this.failures.incrementAndGet();
                violation("call failed: " + ex);
            }
        }
        while (drainShared()) {
            continue;
        }
    }

    private void readShared(Random random) {
        int size = this.sharedOrder.size();
        if (size == 0) {
            return;
        }
        String token = this.sharedOrder.get(size - 1 - random.nextInt(Math.min(size, 200)));
        readSharedOnce(token);
    }

    private boolean drainShared() {
        boolean any = false;
        for (String token : this.sharedOrder) {
            Shared state = this.shared.get(token);
            while (!state.exhausted.get()) {
                readSharedOnce(token);
                any = true;
            }
        }
        return any;
    }

    private void readSharedOnce(String token) {
        Shared state = this.shared.get(token);
        if (state.exhausted.get()) {
            return;
        }
        try {
            TokenRead read = this.client.read(token);
            this.checks.incrementAndGet();
            if (read == null) {
                state.exhausted.set(true);
                return;
            }
            state.reads.incrementAndGet();
            Long left = read.silenceRead();
            if (left == null || left < 0 || left >= state.limit) {
                violation("shared " + token + " read with silence_read " + left + " of "
                        + state.limit);
            }
        }
        catch (RuntimeException ex) {
            this.failures.incrementAndGet();
            violation("shared read failed: " + ex);
            state.exhausted.set(true);
        }
    }

    private void limitedReads(int id, int i, Random random) {
        int limit = 1 + random.nextInt(4);
        Map<String, Object> data = Map.of("t", id, "i", i, "limited", limit);
        Long ttl = random.nextBoolean() ? 600L : null;
        String token = this.client.create(data, ttl, (long) limit);
        for (long left = limit - 1; left >= 0; left--) {
            TokenRead read = this.client.read(token);
            expect(read != null && read.data().equals(data) && read.silenceRead() == left
                    && (ttl == null ? read.ttl() == null : read.ttl() <= ttl),
                    "limited read of " + token + " with " + left + " left gave " + read);
        }
        expect(this.client.read(token) == null, "used-up token " + token + " read again");
        expect(!this.client.update(token, Map.of("back", true)), "used-up token " + token
                + " was updated");
        expect(this.client.read(token) == null, "update resurrected used-up token " + token);
        remember(token);
    }

    private void updateThenDelete(int id, int i, Random random) {
        Map<String, Object> first = Map.of("t", id, "i", i, "v", 1);
        String token = this.client.create(first, random.nextBoolean() ? 600L : null,
                random.nextBoolean() ? 50L : null);
        Map<String, Object> second = Map.of("t", id, "i", i, "v", 2);
        long silence = 2 + random.nextInt(20);
        expect(this.client.update(token, second, 300L, silence), "update of live " + token);
        TokenRead read = this.client.read(token);
        expect(read != null && read.data().equals(second) && read.silenceRead() == silence - 1
                && read.ttl() <= 300, "read after update of " + token + " gave " + read);
        expect(this.client.delete(token), "delete of live " + token);
        expect(this.client.read(token) == null, "deleted " + token + " read again");
        expect(!this.client.update(token, first), "deleted " + token + " was updated");
        expect(!this.client.delete(token), "deleted " + token + " was deleted twice");
        expect(this.client.read(token) == null, "update resurrected deleted " + token);
        remember(token);
    }

    private void keepLive(int id, int i, Random random) {
        Map<String, Object> data = Map.of("t", id, "i", i, "live", true,
                "list", List.of(i, "x", random.nextInt(1000)));
        String token = this.client.create(data);
        TokenRead read = this.client.read(token);
        expect(read != null && read.data().equals(data) && read.ttl() == null
                && read.silenceRead() == null, "unlimited read of " + token + " gave " + read);
        if (this.live.size() < SAMPLE) {
            this.live.put(token, data);
        }
    }

    private void checkExpired(List<long[]> created, List<String> tokens) {
        long now = System.nanoTime();
        while (!created.isEmpty() && now - created.get(0)[0] > 1_500_000_000L) {
            String token = tokens.remove(0);
            created.remove(0);
            expect(this.client.read(token) == null, "expired " + token + " read again");
            expect(!this.client.update(token, Map.of("back", true)), "expired " + token
                    + " was updated");
            remember(token);
        }
    }

    private void remember(String token) {
        if (this.dead.size() < SAMPLE) {
            this.dead.add(token);
        }
    }

    private void expect(boolean condition, String what) {
        this.checks.incrementAndGet();
        if (!condition) {
            violation(what);
        }
    }

    private void violation(String what) {
        if (this.violations.size() < 20) {
            this.violations.add(what);
        }
    }

    private void report() {
        StringBuilder line = new StringBuilder("SHARED_READS");
        int inLine = 0;
        for (String token : this.sharedOrder) {
            line.append(' ').append(token).append('=').append(this.shared.get(token).reads);
            if (++inLine == 100) {
                System.out.println(line);
                line = new StringBuilder("SHARED_READS");
                inLine = 0;
            }
        }
        System.out.println(line);
        this.dead.forEach((token) -> System.out.println("DEAD " + token));
        this.live.forEach((token, data) -> System.out.println("LIVE " + token + " "
                + JsonCodec.toJson(data)));
        System.out.println("CHECKS " + this.checks.get());
        System.out.println("FAILURES " + this.failures.get());
        this.violations.forEach((what) -> System.out.println("VIOLATION " + what));
        System.out.println("DONE");
        System.out.flush();
    }

    /** What this process saw of one shared token. */
    private static final class Shared {

        final int limit;

        final AtomicInteger reads = new AtomicInteger();

        final AtomicBoolean exhausted = new AtomicBoolean();

        Shared(int limit) {
            this.limit = limit;
        }
    }
}
