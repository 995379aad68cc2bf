package dev.crudjt.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCodecTests {

    @Test
    void longsThatFitThirtyTwoBitsAreNormalizedToInteger() {
        Map<String, Object> data = JsonCodec.normalize(Map.of("small", 5L, "list",
                List.of(100_000L), "big", 1L << 40));

        assertThat(data.get("small")).isEqualTo(5).isInstanceOf(Integer.class);
        assertThat((List<?>) data.get("list")).singleElement().isInstanceOf(Integer.class);
        assertThat(data.get("big")).isEqualTo(1L << 40).isInstanceOf(Long.class);
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
