package dev.crudjt.json;

import static org.assertj.core.api.Assertions.assertThat;

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
}
