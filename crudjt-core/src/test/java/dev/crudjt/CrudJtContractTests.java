package dev.crudjt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The semantics every {@link CrudJt} shares, in-process or over gRPC. Subclasses supply the
 * store under test.
 */
public abstract class CrudJtContractTests {

    /**
     * Returns the store under test; it lives for one test.
     *
     * @return the store
     */
    protected abstract CrudJt crudJt();

    @Test
    void createReturnsDistinctUrlSafeTokensOf22Characters() {
        Set<String> tokens = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            tokens.add(crudJt().create(Map.of("i", i)));
        }

        assertThat(tokens).hasSize(200)
                .allSatisfy((token) -> assertThat(token).matches("[A-Za-z0-9_-]{22}"));
    }

    @Test
    void readReturnsDataWithoutMetadataWhenNoLimitIsSet() {
        String token = crudJt().create(Map.of("user_id", 42, "role", "admin"));

        TokenRead read = crudJt().read(token);

        assertThat(read).isNotNull();
        assertThat(read.data()).containsExactlyInAnyOrderEntriesOf(
                Map.of("user_id", 42, "role", "admin"));
        assertThat(read.ttl()).isNull();
        assertThat(read.silenceRead()).isNull();
        assertThat(read.toMap()).containsOnlyKeys("data");
    }

    @Test
    void readReportsRemainingTtlRoundedUp() {
        String token = crudJt().create(Map.of("a", 1), 5L, null);

        TokenRead read = crudJt().read(token);

        assertThat(read).isNotNull();
        assertThat(read.ttl()).isEqualTo(5L);
        assertThat(read.silenceRead()).isNull();
        assertThat(read.toMap()).isEqualTo(Map.of("metadata", Map.of("ttl", 5L),
                "data", Map.of("a", 1)));
    }

    @Test
    void silenceReadCountsDownAndTheLastReadStillReturnsData() {
        String token = crudJt().create(Map.of("a", 1), null, 3L);

        List<Long> left = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            left.add(crudJt().read(token).silenceRead());
        }

        assertThat(left).containsExactly(2L, 1L, 0L);
        assertThat(crudJt().read(token)).isNull();
        assertThat(crudJt().delete(token)).isFalse();
    }

    @Test
    void readWithBothLimitsShowsBothInMetadata() {
        String token = crudJt().create(Map.of("a", 1), 60L, 2L);

        TokenRead read = crudJt().read(token);

        assertThat(read.toMap()).isEqualTo(Map.of(
                "metadata", Map.of("ttl", 60L, "silence_read", 1L), "data", Map.of("a", 1)));
    }

    @Test
    void readNeverExtendsTheTtl() throws InterruptedException {
        String token = crudJt().create(Map.of("a", 1), 2L, null);

        Thread.sleep(1100);
        TokenRead first = crudJt().read(token);
        Thread.sleep(1000);

        assertThat(first.ttl()).isEqualTo(1L);
        assertThat(crudJt().read(token)).isNull();
    }

    @Test
    void tokenExpiresAfterItsTtl() throws InterruptedException {
        String token = crudJt().create(Map.of("a", 1), 1L, null);

        Thread.sleep(1050);

        assertThat(crudJt().read(token)).isNull();
        assertThat(crudJt().update(token, Map.of("b", 2))).isFalse();
        assertThat(crudJt().delete(token)).isFalse();
    }

    @Test
    void updateReplacesDataAndLimits() {
        String token = crudJt().create(Map.of("a", 1), 100L, 10L);

        boolean updated = crudJt().update(token, Map.of("b", "two"), 50L, 4L);

        assertThat(updated).isTrue();
        TokenRead read = crudJt().read(token);
        assertThat(read.data()).isEqualTo(Map.of("b", "two"));
        assertThat(read.ttl()).isEqualTo(50L);
        assertThat(read.silenceRead()).isEqualTo(3L);
    }

    @Test
    void updateWithNullLimitsRemovesThem() {
        String token = crudJt().create(Map.of("a", 1), 100L, 10L);

        assertThat(crudJt().update(token, Map.of("a", 2))).isTrue();

        TokenRead read = crudJt().read(token);
        assertThat(read.ttl()).isNull();
        assertThat(read.silenceRead()).isNull();
        assertThat(read.toMap()).containsOnlyKeys("data");
    }

    @Test
    void absentTokenReadsNullAndUpdateAndDeleteReturnFalse() {
        String absent = "AAAAAAAAAAAAAAAAAAAAAA";

        assertThat(crudJt().read(absent)).isNull();
        assertThat(crudJt().update(absent, Map.of("a", 1))).isFalse();
        assertThat(crudJt().delete(absent)).isFalse();
        assertThat(crudJt().read(absent)).isNull();
    }

    @Test
    void deleteRemovesToken() {
        String token = crudJt().create(Map.of("a", 1));

        assertThat(crudJt().delete(token)).isTrue();

        assertThat(crudJt().read(token)).isNull();
        assertThat(crudJt().delete(token)).isFalse();
        assertThat(crudJt().update(token, Map.of("a", 2))).isFalse();
    }

    @Test
    void oddTokenStringsReadAsAbsent() {
        for (String odd : List.of("x", "not a token at all", "ÄÖÜäöü€€€€€€€€€€€€€€€€",
                "A".repeat(10_000), "../../etc/passwd", "AAAAAAAAAAAAAAAAAAAAA\u0000")) {
            assertThat(crudJt().read(odd)).isNull();
            assertThat(crudJt().delete(odd)).isFalse();
        }
    }

    @Test
    void nullOrBlankTokenIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> crudJt().read(null))
                .withMessageContaining("'token'");
        assertThatIllegalArgumentException().isThrownBy(() -> crudJt().read("  "))
                .withMessageContaining("'token'");
        assertThatIllegalArgumentException().isThrownBy(() -> crudJt().delete(""))
                .withMessageContaining("'token'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> crudJt().update(" ", Map.of("a", 1)))
                .withMessageContaining("'token'");
    }

    @Test
    void valuesKeepTheirJsonTypes() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("int", 7);
        data.put("big", 9007199254740993L);
        data.put("min", Long.MIN_VALUE);
        data.put("fraction", 0.1);
        data.put("flag", true);
        data.put("nothing", null);
        data.put("text", "héllo ✓");
        data.put("list", List.of(1, "two", false));
        data.put("map", Map.of("nested", Map.of("deep", 1.5)));
        String token = crudJt().create(data);

        Map<String, Object> read = crudJt().read(token).data();

        assertThat(read.get("int")).isInstanceOf(Integer.class).isEqualTo(7);
        assertThat(read.get("big")).isInstanceOf(Long.class).isEqualTo(9007199254740993L);
        assertThat(read.get("min")).isEqualTo(Long.MIN_VALUE);
        assertThat(read.get("fraction")).isInstanceOf(Double.class).isEqualTo(0.1);
        assertThat(read.get("flag")).isEqualTo(true);
        assertThat(read).containsEntry("nothing", null);
        assertThat(read.get("text")).isEqualTo("héllo ✓");
        assertThat(read.get("list")).isEqualTo(List.of(1, "two", false));
        assertThat(read.get("map")).isEqualTo(Map.of("nested", Map.of("deep", 1.5)));
    }

    @Test
    void nonJsonValuesAreRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> crudJt().create(Map.of("x", Double.NaN)))
                .withMessageContaining("NaN");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> crudJt().create(Map.of("x", Double.POSITIVE_INFINITY)))
                .withMessageContaining("Infinity");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> crudJt().create(
                        Map.of("x", BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE))))
                .withMessageContaining("64-bit");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> crudJt().create(Map.of("x", Map.of(1, "a"))))
                .withMessageContaining("keys must be strings");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> crudJt().create(Map.of("x", new Object())))
                .withMessageContaining("not a JSON value");
        assertThatIllegalArgumentException().isThrownBy(() -> crudJt().create(null))
                .withMessageContaining("'data'");
    }

    @Test
    void nestingDeeperThan32IsRejected() {
        assertThat(crudJt().create(nested(32))).hasSize(22);

        assertThatIllegalArgumentException().isThrownBy(() -> crudJt().create(nested(33)))
                .withMessageContaining("nested deeper than 32");
    }

    @Test
    void sizeLimitCountsUtf8BytesOfCompactJson() {
        String emoji = "\uD83D\uDE00".repeat(62);
        String exact = "x".repeat(256 - "{\"e\":\"\"}".length());

        assertThat(crudJt().create(Map.of("e", emoji))).hasSize(22);
        assertThat(crudJt().create(Map.of("e", exact))).hasSize(22);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> crudJt().create(Map.of("e", exact + "x")))
                .withMessage("'data' is 257 bytes as compact UTF-8 JSON, over the limit of 256 "
                        + "bytes");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> crudJt().create(Map.of("e", emoji + "x")))
                .withMessageContaining("257 bytes");
    }

    @Test
    void limitsMustBePositive() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> crudJt().create(Map.of("a", 1), 0L, null))
                .withMessage("'ttl' must be at least 1 second, was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> crudJt().create(Map.of("a", 1), null, -1L))
                .withMessage("'silenceRead' must be at least 1, was -1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> crudJt().create(Map.of("a", 1), Long.MAX_VALUE, null))
                .withMessageContaining("overflows the clock");
    }

    @Test
    void updateRejectsBadInputAndLeavesTokenIntact() {
        String token = crudJt().create(Map.of("a", 1));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> crudJt().update(token, Map.of("a", 1), -3L, null))
                .withMessageContaining("'ttl'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> crudJt().update(token, Map.of("e", "x".repeat(300))))
                .withMessageContaining("over the limit");

        assertThat(crudJt().read(token).data()).isEqualTo(Map.of("a", 1));
    }

    @Test
    void callersCannotCorruptStoredData() {
        Map<String, Object> inner = new HashMap<>(Map.of("n", 1));
        List<Object> list = new ArrayList<>(List.of(1, 2));
        Map<String, Object> data = new HashMap<>(Map.of("inner", inner, "list", list));
        String token = crudJt().create(data);

        inner.put("n", 2);
        list.add(3);
        data.put("extra", true);
        TokenRead read = crudJt().read(token);
        Map<String, Object> readInner = castMap(read.data().get("inner"));

        assertThat(read.data()).containsOnlyKeys("inner", "list");
        assertThat(readInner).isEqualTo(Map.of("n", 1));
        assertThat(read.data().get("list")).isEqualTo(List.of(1, 2));
        assertThatThrownBy(() -> read.data().put("x", 1))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> readInner.put("n", 3))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(castMap(crudJt().read(token).data().get("inner"))).isEqualTo(Map.of("n", 1));
    }

    @Test
    void concurrentReadsConsumeSilenceReadExactlyOnceEach() throws Exception {
        String token = crudJt().create(Map.of("a", 1), null, 5L);
        int threads = 64;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger absent = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                TokenRead read = crudJt().read(token);
                if (read == null) {
                    absent.incrementAndGet();
                }
                else {
                    seen.add(read.silenceRead());
                }
                return null;
            }));
        }

        start.countDown();
        for (Future<?> future : futures) {
            future.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(seen).containsExactlyInAnyOrder(4L, 3L, 2L, 1L, 0L);
        assertThat(absent).hasValue(threads - 5);
    }

    @Test
    void updateRacingDeleteNeverBringsTheTokenBack() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Map<String, Boolean> results = new ConcurrentHashMap<>();
        for (int i = 0; i < 100; i++) {
            String token = crudJt().create(Map.of("v", 0));
            CountDownLatch start = new CountDownLatch(1);
            Future<Boolean> update = pool.submit(() -> {
                start.await();
                return crudJt().update(token, Map.of("v", 1));
            });
            Future<Boolean> delete = pool.submit(() -> {
                start.await();
                return crudJt().delete(token);
            });
            start.countDown();
            results.put(token, update.get(10, TimeUnit.SECONDS));

            assertThat(delete.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(crudJt().read(token)).isNull();
        }
        pool.shutdown();

        assertThat(results).hasSize(100);
    }

    private static Map<String, Object> nested(int depth) {
        Map<String, Object> map = new HashMap<>(Map.of("leaf", 1));
        for (int i = 1; i < depth; i++) {
            map = new HashMap<>(Map.of("n", map));
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
