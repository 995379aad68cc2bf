package dev.crudjt.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCodecTests {

    @Test
    void normalizeTurnsLongsThatFitIntoIntegers() {
        Map<String, Object> data = JsonCodec.normalize(Map.of("small", 1_234_567L,
                "big", 1L << 40));

        assertThat(data.get("small")).isInstanceOf(Integer.class).isEqualTo(1_234_567);
        assertThat(data.get("big")).isInstanceOf(Long.class).isEqualTo(1L << 40);
    }

    @Test
    void encodedDataEqualsDecodedDataForLongsThatFit() {
        JsonCodec codec = new JsonCodec(256);

        TokenData encoded = codec.encode(Map.of("n", 70_000L));

        assertThat(codec.decode(encoded.json())).isEqualTo(encoded.map());
    }

    @Test
    void decodeReturnsUnmodifiableNestedMapsAndLists() {
        JsonCodec codec = new JsonCodec(256);

        Map<String, Object> data = codec.decode(
                "{\"m\":{\"l\":[1,{\"x\":2.5}]},\"big\":4294967296}".getBytes(
                        StandardCharsets.UTF_8));

        assertThat(data).isEqualTo(Map.of("m", Map.of("l", List.of(1, Map.of("x", 2.5))),
                "big", 4294967296L));
        Map<?, ?> nested = (Map<?, ?>) data.get("m");
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) nested.get("l");
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> data.put("k", 1));
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> list.add(1));
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> ((Map<?, ?>) list.get(1)).clear());
    }

    @Test
    void decodeRejectsNestingDeeperThanTheLimit() {
        JsonCodec codec = new JsonCodec(65_536);
        int depth = JsonCodec.MAX_DEPTH + 1;
        String json = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);

        assertThatIllegalArgumentException().isThrownBy(
                () -> codec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .withMessage("'data' is nested deeper than 32 levels");
    }

    @Test
    void unpairedSurrogatesInKeysOrValuesAreRejectedAndPairsAreKept() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JsonCodec.normalize(Map.of("k", "a\uD800")))
                .withMessage("'data' value at key 'k' holds an unpaired UTF-16 surrogate at "
                        + "index 1, which is not Unicode text");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JsonCodec.normalize(Map.of("x\uDC00", 1)))
                .withMessage("'data' key at key 'x?' holds an unpaired UTF-16 surrogate at "
                        + "index 1, which is not Unicode text");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JsonCodec.normalize(Map.of("l", List.of("\uDBFF"))))
                .withMessageContaining("unpaired UTF-16 surrogate");
        assertThat(JsonCodec.normalize(Map.of("pepper", "\uD83C\uDF36")))
                .containsEntry("pepper", "\uD83C\uDF36");
    }
}
