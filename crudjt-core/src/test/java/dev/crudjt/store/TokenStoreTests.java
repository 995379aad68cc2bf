package dev.crudjt.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.crudjt.CrudJtError;
import dev.crudjt.Durability;
import dev.crudjt.CrudJtException;
import dev.crudjt.TestKeys;
import dev.crudjt.TokenRead;
import dev.crudjt.crypto.SecretKeys;
import dev.crudjt.grpc.ChildJvm;
import dev.crudjt.json.JsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Tests of the engine on real files: restart, expiry, cache, keys, sweep and file size. */
class TokenStoreTests {

    private static final JsonCodec CODEC = new JsonCodec(256);

    @TempDir
    Path directory;

    private final String key = TestKeys.randomKey(48);

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

    private final List<TokenStore> opened = new ArrayList<>();

    private final List<ListAppender<ILoggingEvent>> appenders = new ArrayList<>();

    @AfterEach
    void closeStores() {
        this.opened.forEach(TokenStore::close);
        Logger logger = (Logger) LoggerFactory.getLogger(TokenStore.class);
        this.appenders.forEach(logger::detachAppender);
    }

    @Test
    void expiryIsExactToTheMillisecondWithoutASweep() {
        TokenStore store = open(config(this.key, 1000), this.clock::get);
        String token = store.create(CODEC.encode(Map.of("a", 1)), 5L, null);

        this.clock.addAndGet(4999);
        TokenRead lastLive = store.read(token);
        this.clock.addAndGet(1);

        assertThat(lastLive).isNotNull();
        assertThat(lastLive.ttl()).isEqualTo(1L);
        assertThat(store.read(token)).isNull();
        assertThat(store.tokenCount()).isZero();
    }

    @Test
    void ttlIsRoundedUpToWholeSeconds() {
        TokenStore store = open(config(this.key, 1000), this.clock::get);
        String token = store.create(CODEC.encode(Map.of("a", 1)), 5L, null);

        this.clock.addAndGet(1);
        long afterOneMilli = store.read(token).ttl();
        this.clock.addAndGet(1000);

        assertThat(afterOneMilli).isEqualTo(5L);
        assertThat(store.read(token).ttl()).isEqualTo(4L);
    }

    @Test
    void reopeningAfterCloseReturnsEveryToken() {
        TokenStore store = open(config(this.key, 1000), System::currentTimeMillis);
        Map<String, Map<String, Object>> written = createMany(store, 2000);
        String limited = store.create(CODEC.encode(Map.of("l", 1)), 3600L, 5L);
        store.read(limited);

        store.close();
        TokenStore reopened = open(config(this.key, 1000), System::currentTimeMillis);

        assertThat(reopened.tokenCount()).isEqualTo(2001);
        written.forEach((token, data) -> assertThat(reopened.read(token).data()).isEqualTo(data));
        TokenRead read = reopened.read(limited);
        assertThat(read.silenceRead()).isEqualTo(3L);
        assertThat(read.ttl()).isBetween(3590L, 3600L);
    }

    @Test
    void readsAfterEvictionReturnTheSameDataFromTheFile() {
        TokenStore store = open(config(this.key, 10), System::currentTimeMillis);
        Map<String, Map<String, Object>> written = createMany(store, 1000);

        written.forEach((token, data) -> assertThat(store.read(token).data()).isEqualTo(data));
        written.forEach((token, data) -> assertThat(store.read(token).data()).isEqualTo(data));
    }

    @Test
    void storeWithoutCacheServesEveryOperationFromTheFile() {
        TokenStore store = open(config(this.key, 0), System::currentTimeMillis);
        String token = store.create(CODEC.encode(Map.of("a", 1)), null, 2L);

        assertThat(store.read(token).silenceRead()).isEqualTo(1L);
        assertThat(store.update(token, CODEC.encode(Map.of("b", 2)), null, null)).isTrue();
        assertThat(store.read(token).data()).isEqualTo(Map.of("b", 2));
        assertThat(store.delete(token)).isTrue();
        assertThat(store.read(token)).isNull();
    }

    @Test
    void anotherKeyReadsOldTokensAsAbsentAndWarnsOnce() {
        TokenStore store = open(config(this.key, 1000), System::currentTimeMillis);
        String token = store.create(CODEC.encode(Map.of("secret", "value")), null, null);
        store.close();
        ListAppender<ILoggingEvent> logs = captureLogs();

        TokenStore other = open(config(TestKeys.randomKey(32), 1000), System::currentTimeMillis);

        assertThat(other.read(token)).isNull();
        assertThat(other.update(token, CODEC.encode(Map.of("b", 1)), null, null)).isFalse();
        assertThat(other.delete(token)).isFalse();
        assertThat(logs.list).filteredOn((event) -> event.getLevel() == Level.WARN)
                .singleElement()
                .satisfies((event) -> assertThat(event.getFormattedMessage())
                        .contains("different secret key").doesNotContain(token));
        String newToken = other.create(CODEC.encode(Map.of("n", 1)), null, null);
        assertThat(other.read(newToken).data()).isEqualTo(Map.of("n", 1));
    }

    @Test
    void openLogsPathCountAndKeyCheckWithoutSecrets() {
        ListAppender<ILoggingEvent> logs = captureLogs();

        TokenStore store = open(config(this.key, 1000), System::currentTimeMillis);
        String token = store.create(CODEC.encode(Map.of("payload", "visible?")), null, null);
        store.close();

        assertThat(logs.list).filteredOn((event) -> event.getLevel() == Level.INFO)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy((line) -> assertThat(line).contains(store.file().toString())
                        .contains("0 tokens").contains("new store"));
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .allSatisfy((line) -> assertThat(line).doesNotContain(token)
                        .doesNotContain(this.key).doesNotContain("visible?"));
    }

    @Test
    void storeFilesHoldNoPlaintextAndAreReadableByTheOwnerOnly() throws IOException {
        Path storeDirectory = this.directory.resolve("fresh");
        TokenStore store = open(new StoreConfig(storeDirectory, SecretKeys.decode(this.key),
                Duration.ofMillis(100), Duration.ofHours(24), 100, 256, Durability.INTERVAL),
                System::currentTimeMillis);
        String token = store.create(CODEC.encode(Map.of("marker", "PLAINTEXT-MARKER-123")),
                null, null);
        store.close();

        byte[] bytes = Files.readAllBytes(store.file());
        String asText = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(asText).doesNotContain("PLAINTEXT-MARKER-123").doesNotContain("marker")
                .doesNotContain(this.key);
        assertThat(indexOf(bytes, SecretKeys.decode(this.key))).isEqualTo(-1);
        assertThat(asText).as("the file holds no token a master would accept")
                .doesNotContain(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(storeDirectory)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
                .isEqualTo("rw-------");
    }

    @Test
    void everyFileTheStoreCreatesIsPrivateAndHoldsNoPlaintext() throws Exception {
        Path storeDirectory = this.directory.resolve("every-file");
        StoreConfig config = new StoreConfig(storeDirectory, SecretKeys.decode(this.key),
                Duration.ofMillis(50), Duration.ofHours(24), 100, 256, Durability.INTERVAL);
        List<String> seen = new ArrayList<>();
        try (TokenStore store = TokenStore.open(config, System::currentTimeMillis)) {
            for (int round = 0; round < 4; round++) {
                List<String> tokens = new ArrayList<>();
                for (int i = 0; i < 1500; i++) {
                    tokens.add(store.create(CODEC.encode(Map.of("marker", "PLAINTEXT-MARKER-"
                            + round, "n", i)), 3600L, 5L));
                }
                tokens.forEach((token) -> store.update(token, CODEC.encode(Map.of("marker",
                        "UPDATED-MARKER-SECRET")), null, null));
                tokens.forEach(store::read);
                tokens.subList(0, 1400).forEach(store::delete);
                store.commit();
                Thread.sleep(300);
                seen.addAll(assertPrivate(storeDirectory));
            }
            store.sweep();
        }
        seen.addAll(assertPrivate(storeDirectory));

        assertThat(seen).contains(storeDirectory.resolve(TokenStore.FILE_NAME).toString());
    }

    private List<String> assertPrivate(Path storeDirectory) throws IOException {
        List<String> files = new ArrayList<>();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(storeDirectory)))
                .isEqualTo("rwx------");
        byte[] rawKey = SecretKeys.decode(this.key);
        try (var paths = Files.walk(storeDirectory)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (path.equals(storeDirectory)) {
                    continue;
                }
                String permissions = PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(path));
                assertThat(permissions).as("permissions of %s", path)
                        .isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
                if (Files.isRegularFile(path)) {
                    byte[] bytes = Files.readAllBytes(path);
                    String text = new String(bytes, StandardCharsets.ISO_8859_1);
                    assertThat(text).as("contents of %s", path).doesNotContain("MARKER")
                            .doesNotContain("marker").doesNotContain(this.key);
                    assertThat(indexOf(bytes, rawKey)).isEqualTo(-1);
                    files.add(path.toString());
                }
            }
        }
        return files;
    }

    @Test
    void sweepRemovesExpiredTokensAndKeepsLiveOnes() {
        TokenStore store = open(config(this.key, 100), this.clock::get);
        for (int i = 0; i < 3000; i++) {
            store.create(CODEC.encode(Map.of("i", i)), 10L, null);
        }
        String live = store.create(CODEC.encode(Map.of("live", true)), 3600L, null);
        String forever = store.create(CODEC.encode(Map.of("forever", true)), null, null);

        this.clock.addAndGet(10_000);
        long removed = store.sweep();

        assertThat(removed).isEqualTo(3000);
        assertThat(store.tokenCount()).isEqualTo(2);
        assertThat(store.read(live)).isNotNull();
        assertThat(store.read(forever)).isNotNull();
    }

    @Test
    void fileSizeLevelsOffUnderCreateAndDeleteChurn() throws InterruptedException {
        TokenStore store = open(config(this.key, 1000), System::currentTimeMillis);
        long sizeAfterWarmUp = 0;
        for (int round = 0; round < 14; round++) {
            List<String> tokens = new ArrayList<>(createMany(store, 2000).keySet());
            store.commit();
            tokens.forEach(store::delete);
            store.commit();
            Thread.sleep(400);
            if (round == 5) {
                sizeAfterWarmUp = fileSize(store);
            }
        }

        long finalSize = fileSize(store);
        assertThat(finalSize).as("file size after 14 rounds of churn vs. after 6")
                .isLessThanOrEqualTo(sizeAfterWarmUp * 2 + 1_048_576);
    }

    @Test
    void secondStoreOnTheSamePathFailsWithStoreLockedAndTheFirstKeepsWorking() {
        TokenStore first = open(config(this.key, 1000), System::currentTimeMillis);

        assertThatThrownBy(() -> TokenStore.open(config(this.key, 1000)))
                .isInstanceOf(CrudJtException.class)
                .hasMessageContaining(first.file().toString())
                .hasMessageContaining("client")
                .satisfies((ex) -> assertThat(((CrudJtException) ex).error())
                        .isEqualTo(CrudJtError.STORE_LOCKED));

        String token = first.create(CODEC.encode(Map.of("a", 1)), null, null);
        assertThat(first.read(token)).isNotNull();
    }

    @Test
    void symbolicLinkAtTheStoreFileIsRefusedAndItsTargetIsLeftAlone() throws IOException {
        Path target = Files.createFile(this.directory.resolve("elsewhere"));
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        Path storeDirectory = Files.createDirectory(this.directory.resolve("store"));
        Files.createSymbolicLink(storeDirectory.resolve(TokenStore.FILE_NAME), target);

        assertThatThrownBy(() -> TokenStore.open(new StoreConfig(storeDirectory,
                SecretKeys.decode(this.key), Duration.ofMillis(100), Duration.ofHours(24), 10,
                256, Durability.INTERVAL))).isInstanceOf(CrudJtException.class)
                .hasMessageContaining("is a symbolic link");

        assertThat(Files.size(target)).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void storeFileReplacedByAnOlderCopyIsRefusedUntilTheMarkIsMovedAway() throws IOException {
        Path older = this.directory.resolve("older-copy");
        String deleted;
        try (TokenStore store = TokenStore.open(config(this.key, 1000))) {
            deleted = store.create(CODEC.encode(Map.of("session", "logged out later")), null,
                    null);
        }
        Files.copy(this.directory.resolve(TokenStore.FILE_NAME), older);
        try (TokenStore store = TokenStore.open(config(this.key, 1000))) {
            assertThat(store.delete(deleted)).isTrue();
        }
        Files.copy(older, this.directory.resolve(TokenStore.FILE_NAME),
                StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> TokenStore.open(config(this.key, 1000)))
                .isInstanceOf(CrudJtException.class)
                .hasMessageContaining("older than version")
                .hasMessageContaining("move 'crudjt.version' out of the store directory");

        Files.move(this.directory.resolve("crudjt.version"), this.directory.resolve("moved"));
        try (TokenStore accepted = TokenStore.open(config(this.key, 1000))) {
            assertThat(accepted.read(deleted)).as("the older state, accepted on purpose")
                    .isNotNull();
        }
        try (TokenStore again = TokenStore.open(config(this.key, 1000))) {
            assertThat(again.read(deleted)).isNotNull();
        }
    }

    @Test
    void fileThatIsNotAStoreKeepsItsPermissions() throws IOException {
        Path file = this.directory.resolve(TokenStore.FILE_NAME);
        Files.write(file, "not a store\n".repeat(500).getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> TokenStore.open(config(this.key, 1000)))
                .isInstanceOf(CrudJtException.class);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void secondMasterInThisJvmIsRefusedAndLeavesTheFirstOneItsLock() throws Exception {
        TokenStore first = open(config(this.key, 1000), System::currentTimeMillis);

        assertThatThrownBy(() -> TokenStore.open(config(this.key, 1000)))
                .isInstanceOf(CrudJtException.class).hasMessageContaining("in this JVM");

        assertThat(startInAnotherJvm()).startsWith("FAILED STORE_LOCKED");
        String token = first.create(CODEC.encode(Map.of("a", 1)), null, null);
        assertThat(first.read(token)).isNotNull();
    }

    @Test
    void hardLinkToAnOpenStoreFileIsTheSameStore() throws Exception {
        TokenStore first = open(config(this.key, 1000), System::currentTimeMillis);
        Path linked = Files.createDirectory(this.directory.resolve("linked"));
        Files.createLink(linked.resolve(TokenStore.FILE_NAME), first.file());

        assertThatThrownBy(() -> TokenStore.open(new StoreConfig(linked,
                SecretKeys.decode(this.key), Duration.ofMillis(100), Duration.ofHours(24), 10,
                256, Durability.INTERVAL))).isInstanceOf(CrudJtException.class)
                .hasMessageContaining("in this JVM")
                .satisfies((ex) -> assertThat(((CrudJtException) ex).error())
                        .isEqualTo(CrudJtError.STORE_LOCKED));

        assertThat(startInAnotherJvm(linked)).startsWith("FAILED STORE_LOCKED");
    }

    @Test
    void copyingTheStoreFileInsideTheMastersJvmKeepsOtherMastersOut() throws Exception {
        TokenStore first = open(config(this.key, 1000), System::currentTimeMillis);
        first.create(CODEC.encode(Map.of("a", 1)), null, null);
        first.commit();

        Files.copy(first.file(), this.directory.resolve("backup.mv.db"));

        assertThat(startInAnotherJvm()).startsWith("FAILED STORE_LOCKED")
                .contains("in another process");
    }

    /** Starts a master on this test's store in a child JVM and returns what it reported. */
    private String startInAnotherJvm() throws IOException {
        return startInAnotherJvm(this.directory);
    }

    private String startInAnotherJvm(Path storeDirectory) throws IOException {
        try (ChildJvm child = ChildJvm.start(StoreChildMain.class, storeDirectory.toString(),
                this.key, "hold")) {
            while (true) {
                String line = child.nextLine(Duration.ofSeconds(60));
                if (line.startsWith("FAILED") || line.startsWith("READY")) {
                    return line;
                }
            }
        }
    }

    @Test
    void secondMasterInAnotherJvmFailsFastAndKillReleasesTheStore() throws Exception {
        try (ChildJvm child = ChildJvm.start(StoreChildMain.class,
                this.directory.toString(), this.key, "hold")) {
            child.awaitLine("READY", Duration.ofSeconds(60));

            long start = System.nanoTime();
            assertThatThrownBy(() -> TokenStore.open(config(this.key, 1000)))
                    .isInstanceOf(CrudJtException.class)
                    .satisfies((ex) -> assertThat(((CrudJtException) ex).error())
                            .isEqualTo(CrudJtError.STORE_LOCKED));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(
                    Duration.ofSeconds(5));

            child.kill();
        }
        TokenStore store = open(config(this.key, 1000), System::currentTimeMillis);
        assertThat(store.isOpen()).isTrue();
    }

    @Test
    void killedMasterLosesAtMostTheLastCommitInterval() throws Exception {
        Map<Integer, String> tokens = new LinkedHashMap<>();
        int committed = -1;
        try (ChildJvm child = ChildJvm.start(StoreChildMain.class,
                this.directory.toString(), this.key, "write")) {
            child.awaitLine("READY", Duration.ofSeconds(60));
            int commits = 0;
            while (commits < 3) {
                String line = child.nextLine(Duration.ofSeconds(30));
                String[] parts = line.split(" ");
                if (parts[0].equals("T")) {
                    tokens.put(Integer.parseInt(parts[1]), parts[2]);
                }
                else if (parts[0].equals("COMMITTED")) {
                    committed = Integer.parseInt(parts[1]);
                    commits++;
                }
            }
            child.kill();
        }

        TokenStore store = open(config(this.key, 1000), System::currentTimeMillis);
        int lost = 0;
        for (Map.Entry<Integer, String> entry : tokens.entrySet()) {
            TokenRead read = store.read(entry.getValue());
            if (entry.getKey() <= committed) {
                assertThat(read).as("token %d, committed before the kill", entry.getKey())
                        .isNotNull();
            }
            if (read == null) {
                lost++;
            }
            else {
                assertThat(read.data()).isEqualTo(Map.of("i", entry.getKey(),
                        "pad", "p".repeat(100)));
            }
        }
        assertThat(committed).isPositive();
        assertThat(lost).isLessThanOrEqualTo(tokens.size() - committed - 1);
    }

    @Test
    void syncDurabilityLosesNothingAcknowledgedOnKill() throws Exception {
        Map<Integer, String> acknowledged = new LinkedHashMap<>();
        try (ChildJvm child = ChildJvm.start(StoreChildMain.class,
                this.directory.toString(), this.key, "write", "sync")) {
            child.awaitLine("READY", Duration.ofSeconds(60));
            while (acknowledged.size() < 300) {
                String[] parts = child.nextLine(Duration.ofSeconds(30)).split(" ");
                if (parts[0].equals("T")) {
                    acknowledged.put(Integer.parseInt(parts[1]), parts[2]);
                }
            }
            child.kill();
        }

        TokenStore store = open(config(this.key, 1000), System::currentTimeMillis);
        acknowledged.forEach((index, token) -> assertThat(store.read(token))
                .as("acknowledged token %d", index).isNotNull()
                .satisfies((read) -> assertThat(read.data()).containsEntry("i", index)));
    }

    @Test
    void syncDurabilityCommitsBeforeReturning() {
        StoreConfig sync = new StoreConfig(this.directory, SecretKeys.decode(this.key),
                Duration.ofHours(1), Duration.ofHours(24), 1000, 256, Durability.SYNC);
        TokenStore store = open(sync, System::currentTimeMillis);

        String token = store.create(CODEC.encode(Map.of("a", 1)), null, 3L);
        long afterCreate = store.unsyncedWrites();
        store.read(token);
        long afterRead = store.unsyncedWrites();

        assertThat(afterCreate).isZero();
        assertThat(afterRead).isZero();
    }

    @Test
    void fileThatIsNotAStoreFailsClearlyAndIsNotOverwritten() throws IOException {
        Path file = this.directory.resolve(TokenStore.FILE_NAME);
        byte[] junk = "this is not an MVStore file, keep me".repeat(200)
                .getBytes(StandardCharsets.US_ASCII);
        Files.write(file, junk);

        assertThatThrownBy(() -> TokenStore.open(config(this.key, 1000)))
                .isInstanceOf(CrudJtException.class)
                .hasMessageContaining(file.toString())
                .satisfies((ex) -> assertThat(((CrudJtException) ex).error())
                        .isEqualTo(CrudJtError.STORE_UNAVAILABLE));
        assertThat(Files.readAllBytes(file)).isEqualTo(junk);
    }

    @Test
    void closedStoreRejectsCalls() {
        TokenStore store = open(config(this.key, 1000), System::currentTimeMillis);
        store.close();

        assertThatThrownBy(() -> store.read("AAAAAAAAAAAAAAAAAAAAAA"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.create(CODEC.encode(Map.of("a", 1)), null, null))
                .isInstanceOf(IllegalStateException.class);
    }

    private StoreConfig config(String secret, long cacheSize) {
        return new StoreConfig(this.directory, SecretKeys.decode(secret), Duration.ofMillis(100),
                Duration.ofHours(24), cacheSize, 256, Durability.INTERVAL);
    }

    private TokenStore open(StoreConfig config, java.util.function.LongSupplier clock) {
        TokenStore store = TokenStore.open(config, clock);
        this.opened.add(store);
        return store;
    }

    private static Map<String, Map<String, Object>> createMany(TokenStore store, int count) {
        Map<String, Map<String, Object>> written = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> data = Map.of("i", i, "name", "user-" + i,
                    "roles", List.of("a", "b"), "nested", Map.of("x", i * 0.5));
            written.put(store.create(CODEC.encode(data), null, null), data);
        }
        return written;
    }

    private static long fileSize(TokenStore store) {
        try {
            return Files.size(store.file());
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private ListAppender<ILoggingEvent> captureLogs() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger logger = (Logger) LoggerFactory.getLogger(TokenStore.class);
        logger.addAppender(appender);
        this.appenders.add(appender);
        return appender;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
