package dev.crudjt.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadTests {

    @Test
    void bothPayloadsAreCompactJsonOfTheStatedSize() {
        assertThat(Payload.json(Payload.created())).hasSize(Payload.JSON_SIZE);
        assertThat(Payload.json(Payload.updated())).hasSize(Payload.JSON_SIZE);
        assertThat(Payload.JSON_SIZE).isBetween(250, 256);
    }

    @Test
    void payloadNestsMapsOfIntegersAndStrings() {
        Map<String, Object> data = Payload.created();

        assertThat(data.get("profile")).isInstanceOf(Map.class);
        assertThat(data.get("user_id")).isInstanceOf(Integer.class);
        assertThat(data).isNotEqualTo(Payload.updated());
    }
}
