package dev.crudjt.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CrudJtMetadataTests {

    private static final Map<String, JsonNode> properties = new LinkedHashMap<>();

    private static JsonNode metadata;

    @BeforeAll
    static void readMetadata() throws IOException {
        metadata = new ObjectMapper().readTree(
                CrudJtTestSupport.moduleResource("META-INF/spring-configuration-metadata.json"));
        metadata.get("properties").forEach((property) ->
                properties.put(property.get("name").asText(), property));
    }

    @Test
    void everyKeyIsDescribed() {
        assertThat(properties).containsOnlyKeys("crudjt.enabled", "crudjt.mode",
                "crudjt.secret-key", "crudjt.secret-key-file", "crudjt.store.path",
                "crudjt.store.commit-interval", "crudjt.store.sweep-interval",
                "crudjt.store.cache-size", "crudjt.store.max-data-size",
                "crudjt.store.durability", "crudjt.grpc.host",
                "crudjt.grpc.port", "crudjt.grpc.allow-remote", "crudjt.client.timeout",
                "crudjt.client.connect-timeout");
        assertThat(properties.values()).allSatisfy((property) -> {
            String description = property.path("description").asText();
            assertThat(description).as(property.get("name").asText()).isNotBlank().endsWith(".")
                    .doesNotStartWith("The ").doesNotStartWith("A ");
        });
    }

    @Test
    void descriptionsComeFromTheFieldJavadoc() {
        assertThat(properties.get("crudjt.grpc.allow-remote").get("description").asText())
                .startsWith("Whether a master may bind a host other than loopback");
        assertThat(properties.get("crudjt.mode").get("description").asText())
                .isEqualTo("Role of this process: 'master' owns the store file, 'client' "
                        + "connects to the master; when unset, master if a secret key is "
                        + "configured, otherwise client.");
        assertThat(properties.get("crudjt.secret-key").get("description").asText())
                .contains("CRUDJT_SECRET_KEY", "openssl rand -base64 48");
    }

    @Test
    void everyDefaultIsRecorded() {
        Map<String, String> defaults = new LinkedHashMap<>();
        properties.forEach((name, property) -> {
            if (property.has("defaultValue")) {
                defaults.put(name, property.get("defaultValue").asText());
            }
        });

        assertThat(defaults).containsOnly(entry("crudjt.enabled", "true"),
                entry("crudjt.store.commit-interval", "500ms"),
                entry("crudjt.store.sweep-interval", "24h"),
                entry("crudjt.store.cache-size", "50000"),
                entry("crudjt.store.max-data-size", "256B"),
                entry("crudjt.store.durability", "interval"),
                entry("crudjt.grpc.host", "127.0.0.1"),
                entry("crudjt.grpc.port", "50051"),
                entry("crudjt.grpc.allow-remote", "false"),
                entry("crudjt.client.timeout", "5s"),
                entry("crudjt.client.connect-timeout", "10s"));
    }

    @Test
    void keysWithoutDefaultsAreTheOptionalOnes() {
        assertThat(properties).allSatisfy((name, property) -> {
            if (!property.has("defaultValue")) {
                assertThat(name).isIn("crudjt.mode", "crudjt.secret-key",
                        "crudjt.secret-key-file", "crudjt.store.path");
            }
        });
    }

    @Test
    void modeHintsListBothValues() {
        JsonNode hint = metadata.get("hints").get(0);

        assertThat(hint.get("name").asText()).isEqualTo("crudjt.mode");
        assertThat(hint.get("values").findValuesAsText("value")).containsExactly("master",
                "client");
    }
}
