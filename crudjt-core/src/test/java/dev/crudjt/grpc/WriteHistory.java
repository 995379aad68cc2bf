package dev.crudjt.grpc;

import dev.crudjt.CrudJtClient;
import dev.crudjt.CrudJtException;
import dev.crudjt.TokenRead;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every value written to each token and when the master acknowledged it, to check what a
 * restarted master reads back. Writer threads create tokens and update the ones they created,
 * so that the versions of one token are ordered; they stop at their first failed call.
 */
final class WriteHistory {

    /** No acknowledgement: the call failed or was in flight when the master went away. */
    private static final long UNACKNOWLEDGED = Long.MAX_VALUE;

    /** The value was read back from a restarted master, so it is on disk. */
    private static final long ON_DISK = Long.MIN_VALUE;

    private final Map<String, Versions> tokens = new ConcurrentHashMap<>();

    private final List<List<String>> owned = new ArrayList<>();

    private final AtomicLong acknowledged = new AtomicLong();

    private final AtomicLong checks = new AtomicLong();

    private final List<String> writerFailures = new CopyOnWriteArrayList<>();

    WriteHistory(int writers) {
        for (int i = 0; i < writers; i++) {
            this.owned.add(new ArrayList<>());
        }
    }

    long acknowledged() {
        return this.acknowledged.get();
    }

    long checks() {
        return this.checks.get();
    }

    List<String> writerFailures() {
        return List.copyOf(this.writerFailures);
    }

    int size() {
        return this.tokens.size();
    }

    /**
     * Starts one writer thread per owner that creates and updates tokens until it is stopped or
     * a call fails.
     *
     * @param client the client to write through
     * @param random the source of the seeds of the threads
     * @param stop set to end the writers
     * @return the started threads
     */
    List<Thread> startWriters(CrudJtClient client, Random random, AtomicBoolean stop) {
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < this.owned.size(); w++) {
            int writer = w;
            long seed = random.nextLong();
            Thread thread = new Thread(() -> write(client, writer, new Random(seed), stop),
                    "crash-writer-" + w);
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    private void write(CrudJtClient client, int writer, Random random, AtomicBoolean stop) {
        List<String> mine = this.owned.get(writer);
        long deadline = System.nanoTime() + 120_000_000_000L;
        try {
            for (int seq = 0; !stop.get() && System.nanoTime() < deadline; seq++) {
                if (mine.isEmpty() || random.nextInt(10) < 6) {
                    Map<String, Object> data = value(writer, seq, 0);
                    String token = client.create(data);
                    Versions versions = new Versions();
                    versions.add(data, System.nanoTime());
                    this.tokens.put(token, versions);
                    mine.add(token);
                }
                else {
                    String token = mine.get(random.nextInt(mine.size()));
                    Versions versions = this.tokens.get(token);
                    Map<String, Object> data = value(writer, seq, versions.size());
                    int index = versions.add(data, UNACKNOWLEDGED);
                    if (!client.update(token, data)) {
                        this.writerFailures.add("update of live token " + token + " found it "
                                + "absent");
                        return;
                    }
                    versions.acknowledge(index, System.nanoTime());
                }
                this.acknowledged.incrementAndGet();
            }
        }
        catch (CrudJtException ex) {
            return;
        }
    }

    private static Map<String, Object> value(int writer, int seq, int version) {
        return Map.of("w", writer, "s", seq, "v", version, "pad", "p".repeat(80));
    }

    /**
     * Reads back the tokens a restarted master should hold and checks each against its
     * history: a value acknowledged before {@code durableBefore} must be there, or one written
     * after it; a later one may be there or missing; nothing else may be read. The value read
     * becomes the token's only known version.
     *
     * @param client a client of the restarted master
     * @param durableBefore writes acknowledged before this {@link System#nanoTime()} must be
     *     kept
     * @param sample how many tokens not written since the last check to read as well
     * @param random picks the sample
     * @return descriptions of the tokens that broke the rule, empty when all is well
     */
    List<String> verify(CrudJtClient client, long durableBefore, int sample, Random random) {
        List<String> violations = new ArrayList<>();
        List<String> quiet = new ArrayList<>();
        for (Map.Entry<String, Versions> entry : this.tokens.entrySet()) {
            if (entry.getValue().isSettled()) {
                quiet.add(entry.getKey());
            }
            else {
                check(client, entry.getKey(), entry.getValue(), durableBefore, violations);
            }
        }
        for (int i = 0; i < Math.min(sample, quiet.size()); i++) {
            String token = quiet.get(random.nextInt(quiet.size()));
            check(client, token, this.tokens.get(token), durableBefore, violations);
        }
        return violations;
    }

    /**
     * Reads back every known token, as {@link #verify} does.
     *
     * @param client a client of the restarted master
     * @param durableBefore as for {@link #verify}
     * @return the violations
     */
    List<String> verifyAll(CrudJtClient client, long durableBefore) {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, Versions> entry : this.tokens.entrySet()) {
            check(client, entry.getKey(), entry.getValue(), durableBefore, violations);
        }
        return violations;
    }

    private void check(CrudJtClient client, String token, Versions versions, long durableBefore,
            List<String> violations) {
        this.checks.incrementAndGet();
        TokenRead read;
        try {
            read = client.read(token);
        }
        catch (RuntimeException ex) {
            violations.add(token + ": read failed: " + ex);
            return;
        }
        int durable = versions.lastAcknowledgedBefore(durableBefore);
        String age = (durable >= 0) ? versions.ageMillis(durable, durableBefore) : "";
        if (read == null) {
            if (durable >= 0) {
                violations.add(token + ": version " + durable + " acknowledged " + age
                        + " is missing");
            }
            else {
                forget(token);
            }
            return;
        }
        int found = versions.indexOf(read.data());
        if (found < 0) {
            violations.add(token + ": read data that was never written: " + read.data());
        }
        else if (found < durable) {
            violations.add(token + ": read version " + found + " but version " + durable
                    + " was acknowledged " + age);
        }
        else {
            versions.settle(found);
        }
    }

    private void forget(String token) {
        this.tokens.remove(token);
        for (List<String> mine : this.owned) {
            mine.remove(token);
        }
    }

    /** The values written to one token, in order, with the time each was acknowledged. */
    private static final class Versions {

        private final List<Map<String, Object>> values = new ArrayList<>();

        private final List<Long> acks = new ArrayList<>();

        synchronized int add(Map<String, Object> value, long ack) {
            this.values.add(value);
            this.acks.add(ack);
            return this.values.size() - 1;
        }

        synchronized void acknowledge(int index, long nanos) {
            this.acks.set(index, nanos);
        }

        synchronized int size() {
            return this.values.size();
        }

        synchronized boolean isSettled() {
            return this.values.size() == 1 && this.acks.get(0) == ON_DISK;
        }

        synchronized int lastAcknowledgedBefore(long nanos) {
            for (int i = this.values.size() - 1; i >= 0; i--) {
                long ack = this.acks.get(i);
                if (ack == ON_DISK || (ack != UNACKNOWLEDGED && ack - nanos < 0)) {
                    return i;
                }
            }
            return -1;
        }

        synchronized String ageMillis(int index, long durableBefore) {
            long ack = this.acks.get(index);
            if (ack == ON_DISK) {
                return "before the previous restart";
            }
            return (durableBefore - ack) / 1_000_000 + " ms before the last commit interval";
        }

        synchronized int indexOf(Map<String, Object> data) {
            return this.values.lastIndexOf(data);
        }

        /** Keeps only the version read back, which is now on disk; later writes append. */
        synchronized void settle(int index) {
            Map<String, Object> value = this.values.get(index);
            this.values.clear();
            this.acks.clear();
            this.values.add(value);
            this.acks.add(ON_DISK);
        }
    }
}
