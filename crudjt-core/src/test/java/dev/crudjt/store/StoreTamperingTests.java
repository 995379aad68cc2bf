package dev.crudjt.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.crudjt.Durability;
import dev.crudjt.TestKeys;
import dev.crudjt.TokenRead;
import dev.crudjt.crypto.RecordCipher;
import dev.crudjt.crypto.SecretKeys;
import dev.crudjt.json.JsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.Page;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Edits a closed store file behind the engine's back, through MVStore and in the raw bytes,
 * and checks that every altered record reads as absent and is reported once.
 */
class StoreTamperingTests {

    private static final JsonCodec CODEC = new JsonCodec(256);

    private static final int HEADER_LENGTH = 17;

    @TempDir
    Path directory;

    private final String key = TestKeys.randomKey(48);

    private final RecordCipher cipher = new RecordCipher(SecretKeys.decode(this.key));

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    private final Logger logger = (Logger) LoggerFactory.getLogger(TokenStore.class);

    @AfterEach
    void detachLogs() {
        this.logger.detachAppender(this.logs);
    }

    @Test
    void alteredSwappedAndMovedRecordsReadAsAbsentAndAreCountedInOneWarning() throws Exception {
        Map<String, Map<String, Object>> written = new LinkedHashMap<>();
        try (TokenStore store = TokenStore.open(config())) {
            for (int i = 0; i < 40; i++) {
                Map<String, Object> data = Map.of("user", i, "role", "role-" + i);
                written.put(store.create(CODEC.encode(data), 3600L, (i % 2 == 0) ? 5L : null),
                        data);
            }
        }
        List<String> tokens = new ArrayList<>(written.keySet());
        List<String> altered = new ArrayList<>();
        String moved = (tokens.get(9).startsWith("A") ? "B" : "A") + tokens.get(9).substring(1);
        try (MVStore raw = new MVStore.Builder().fileName(file().toString()).open()) {
            MVMap<String, byte[]> records = raw.openMap("tokens",
                    new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE)
                            .valueType(ByteArrayDataType.INSTANCE));
            altered.add(flip(records, tokens.get(0), HEADER_LENGTH + RecordCipher.NONCE_LENGTH
                    + 3));
            altered.add(flip(records, tokens.get(1), 16));
            altered.add(flip(records, tokens.get(2), 0));
            altered.add(flip(records, tokens.get(3), HEADER_LENGTH + 2));
            byte[] last = records.get(slot(tokens.get(4)));
            altered.add(flip(records, tokens.get(4), last.length - 1));
            records.put(slot(tokens.get(5)), Arrays.copyOf(records.get(slot(tokens.get(5))), 40));
            altered.add(tokens.get(5));
            byte[] six = records.get(slot(tokens.get(6)));
            records.put(slot(tokens.get(6)), records.get(slot(tokens.get(7))));
            records.put(slot(tokens.get(7)), six);
            altered.add(tokens.get(6));
            altered.add(tokens.get(7));
            records.put(slot(moved), records.get(slot(tokens.get(8))));
            altered.add(moved);
            raw.commit();
        }
        int rawFlips = flipInRawFile(List.of(tokens.get(10), tokens.get(11)));
        altered.add(tokens.get(10));
        altered.add(tokens.get(11));
        attachLogs();

        TokenStore reopened = TokenStore.open(config());
        try {
            awaitSweep();

            assertThat(rawFlips).as("copies of the two records flipped in the raw file")
                    .isGreaterThanOrEqualTo(2);
            for (String token : altered) {
                assertThat(reopened.read(token)).as("altered record of %s", token).isNull();
                assertThat(reopened.update(token, CODEC.encode(Map.of("x", 1)), null, null))
                        .isFalse();
                assertThat(reopened.delete(token)).isFalse();
            }
            written.forEach((token, data) -> {
                if (!altered.contains(token)) {
                    assertThat(reopened.read(token)).as("untouched %s", token).isNotNull()
                            .satisfies((read) -> assertThat(read.data()).isEqualTo(data));
                }
            });
            assertThat(reopened.read(tokens.get(8)).data()).isEqualTo(written.get(tokens.get(8)));
            assertThat(warnings()).singleElement().satisfies((line) -> assertThat(line)
                    .startsWith(altered.size() + " token records in '" + file() + "' fail "
                            + "authentication and read as absent"));
        }
        finally {
            reopened.close();
        }
        assertThat(warnings()).hasSize(1);
        assertThat(this.logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .allSatisfy((line) -> tokens.forEach((token) -> assertThat(line)
                        .doesNotContain(token)));
    }

    @Test
    void damagedPageFailsOnlyTheTokensOnItAndTheStoreKeepsServing() throws Exception {
        Map<String, Map<String, Object>> written = new LinkedHashMap<>();
        try (TokenStore store = TokenStore.open(config())) {
            for (int i = 0; i < 400; i++) {
                Map<String, Object> data = Map.of("user", i, "pad", "p".repeat(60));
                written.put(store.create(CODEC.encode(data), null, null), data);
            }
        }
        damageFirstLeafPage();
        attachLogs();

        int absent = 0;
        try (TokenStore reopened = TokenStore.open(config())) {
            for (Map.Entry<String, Map<String, Object>> entry : written.entrySet()) {
                TokenRead read = reopened.read(entry.getKey());
                if (read == null) {
                    absent++;
                }
                else {
                    assertThat(read.data()).isEqualTo(entry.getValue());
                }
            }
            String fresh = reopened.create(CODEC.encode(Map.of("after", "damage")), null, null);
            assertThat(reopened.read(fresh).data()).isEqualTo(Map.of("after", "damage"));
        }

        assertThat(absent).as("tokens on the damaged page").isPositive()
                .isLessThan(written.size() / 2);
        assertThat(warnings()).filteredOn((line) -> line.contains("has a damaged page"))
                .hasSize(1);
        assertThat(this.logs.list).noneMatch((event) -> event.getLevel() == Level.ERROR);
    }

    /**
     * Breaks the check value in the header of the first leaf of the token map. A chunk starts
     * on a 4 KiB block with a header line {@code chunk:<id>,...}; its footer repeats that
     * text, but not on a block boundary.
     */
    private void damageFirstLeafPage() throws IOException {
        long position;
        try (MVStore raw = new MVStore.Builder().fileName(file().toString()).readOnly().open()) {
            MVMap<String, byte[]> records = raw.openMap("tokens",
                    new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE)
                            .valueType(ByteArrayDataType.INSTANCE));
            Page<String, byte[]> root = records.getRootPage();
            assertThat(root.isLeaf()).as("a root with children").isFalse();
            position = root.getChildPagePos(0);
        }
        byte[] bytes = Files.readAllBytes(file());
        String header = "chunk:" + Integer.toHexString(DataUtils.getPageChunkId(position)) + ",";
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int chunkStart = -1;
        for (int at = text.indexOf(header); at >= 0; at = text.indexOf(header, at + 1)) {
            if (at % 4096 == 0) {
                chunkStart = at;
            }
        }
        assertThat(chunkStart).as("block-aligned header of chunk %s", header).isNotNegative();
        int page = chunkStart + DataUtils.getPageOffset(position);
        bytes[page + 4] ^= 0x5A;
        Files.write(file(), bytes);
    }

    @Test
    void untouchedStoreLogsNoIntegrityWarning() throws Exception {
        try (TokenStore store = TokenStore.open(config())) {
            store.create(CODEC.encode(Map.of("a", 1)), null, null);
        }
        attachLogs();

        try (TokenStore reopened = TokenStore.open(config())) {
            awaitSweep();
        }

        assertThat(warnings()).isEmpty();
    }

    private String flip(MVMap<String, byte[]> records, String token, int offset) {
        byte[] record = records.get(slot(token)).clone();
        record[offset] ^= 0x01;
        records.put(slot(token), record);
        return token;
    }

    private int flipInRawFile(List<String> tokens) throws IOException {
        List<byte[]> needles = new ArrayList<>();
        try (MVStore raw = new MVStore.Builder().fileName(file().toString()).readOnly().open()) {
            MVMap<String, byte[]> records = raw.openMap("tokens",
                    new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE)
                            .valueType(ByteArrayDataType.INSTANCE));
            tokens.forEach((token) -> needles.add(records.get(slot(token))));
        }
        byte[] bytes = Files.readAllBytes(file());
        int flips = 0;
        for (byte[] needle : needles) {
            for (int at = indexOf(bytes, needle, 0); at >= 0; at = indexOf(bytes, needle, at + 1)) {
                bytes[at + HEADER_LENGTH + RecordCipher.NONCE_LENGTH + 1] ^= 0x40;
                flips++;
            }
        }
        Files.write(file(), bytes);
        return flips;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void attachLogs() {
        this.logs.start();
        this.logger.addAppender(this.logs);
    }

    private void awaitSweep() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (this.logs) {
                if (List.copyOf(this.logs.list).stream()
                        .anyMatch((event) -> event.getFormattedMessage().startsWith("Swept "))) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the start-up sweep did not finish within 10 s");
    }

    private List<String> warnings() {
        return List.copyOf(this.logs.list).stream()
                .filter((event) -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private Path file() {
        return this.directory.resolve(TokenStore.FILE_NAME);
    }

    /** Returns the slot the engine files a token's record under. */
    private String slot(String token) {
        String slot = this.cipher.slotOf(token);
        assertThat(slot).as("slot of %s", token).isNotNull();
        return slot;
    }

    private StoreConfig config() {
        return new StoreConfig(this.directory, SecretKeys.decode(this.key),
                Duration.ofMillis(100), Duration.ofHours(24), 1000, 256, Durability.INTERVAL);
    }
}
