package dev.crudjt.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crudjt.ClientOptions;
import dev.crudjt.Durability;
import dev.crudjt.MasterOptions;
import dev.crudjt.spring.autoconfigure.CrudJtProperties.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class CrudJtPropertiesTests {

    private static CrudJtProperties bind(Map<String, String> values) {
        CrudJtProperties properties = new CrudJtProperties();
        new Binder(new MapConfigurationPropertySource(values))
                .bind("crudjt", Bindable.ofInstance(properties));
        return properties;
    }

    @Test
    void defaultsMatchTheCoreDefaults() {
        CrudJtProperties properties = new CrudJtProperties();

        assertThat(properties.isEnabled()).isTrue();
        assertThat(properties.getMode()).isNull();
        assertThat(properties.getSecretKey()).isNull();
        assertThat(properties.getSecretKeyFile()).isNull();
        assertThat(properties.getStore().getPath()).isNull();
        assertThat(properties.getStore().getCommitInterval())
                .isEqualTo(MasterOptions.DEFAULT_COMMIT_INTERVAL);
        assertThat(properties.getStore().getSweepInterval())
                .isEqualTo(MasterOptions.DEFAULT_SWEEP_INTERVAL);
        assertThat(properties.getStore().getCacheSize())
                .isEqualTo(MasterOptions.DEFAULT_CACHE_SIZE);
        assertThat(properties.getStore().getMaxDataSize().toBytes())
                .isEqualTo(MasterOptions.DEFAULT_MAX_DATA_SIZE);
        assertThat(properties.getGrpc().getHost()).isEqualTo(MasterOptions.DEFAULT_GRPC_HOST);
        assertThat(properties.getGrpc().getPort()).isEqualTo(MasterOptions.DEFAULT_GRPC_PORT);
        assertThat(properties.getGrpc().isAllowRemote()).isFalse();
        assertThat(properties.getClient().getTimeout()).isEqualTo(ClientOptions.DEFAULT_TIMEOUT);
        assertThat(properties.getClient().getConnectTimeout())
                .isEqualTo(ClientOptions.DEFAULT_CONNECT_TIMEOUT);
    }

    @Test
    void everyKeyBindsInKebabCase() {
        CrudJtProperties properties = bind(Map.ofEntries(
                Map.entry("crudjt.enabled", "false"),
                Map.entry("crudjt.mode", "client"),
                Map.entry("crudjt.secret-key", "key"),
                Map.entry("crudjt.secret-key-file", "/run/secrets/crudjt"),
                Map.entry("crudjt.store.path", "/srv/store"),
                Map.entry("crudjt.store.commit-interval", "1s"),
                Map.entry("crudjt.store.sweep-interval", "1h"),
                Map.entry("crudjt.store.cache-size", "10"),
                Map.entry("crudjt.store.max-data-size", "1KB"),
                Map.entry("crudjt.store.durability", "sync"),
                Map.entry("crudjt.grpc.host", "::1"),
                Map.entry("crudjt.grpc.port", "50052"),
                Map.entry("crudjt.grpc.allow-remote", "true"),
                Map.entry("crudjt.client.timeout", "2s"),
                Map.entry("crudjt.client.connect-timeout", "3s")));

        assertThat(properties.isEnabled()).isFalse();
        assertThat(properties.getMode()).isEqualTo(Mode.CLIENT);
        assertThat(properties.getSecretKey()).isEqualTo("key");
        assertThat(properties.getSecretKeyFile()).isEqualTo(Path.of("/run/secrets/crudjt"));
        assertThat(properties.getStore().getPath()).isEqualTo(Path.of("/srv/store"));
        assertThat(properties.getStore().getCommitInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.getStore().getSweepInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(properties.getStore().getCacheSize()).isEqualTo(10);
        assertThat(properties.getStore().getMaxDataSize()).isEqualTo(DataSize.ofKilobytes(1));
        assertThat(properties.getStore().getDurability()).isEqualTo(Durability.SYNC);
        assertThat(properties.getGrpc().getHost()).isEqualTo("::1");
        assertThat(properties.getGrpc().getPort()).isEqualTo(50052);
        assertThat(properties.getGrpc().isAllowRemote()).isTrue();
        assertThat(properties.getClient().getTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.getClient().getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void modeBindsInEitherCase() {
        assertThat(bind(Map.of("crudjt.mode", "MASTER")).getMode()).isEqualTo(Mode.MASTER);
        assertThat(bind(Map.of("crudjt.mode", "master")).getMode()).isEqualTo(Mode.MASTER);
    }

    @ParameterizedTest
    @CsvSource({
        "crudjt.store.commit-interval, 500ms, PT0.5S",
        "crudjt.store.commit-interval, 5s, PT5S",
        "crudjt.store.commit-interval, PT5S, PT5S",
        "crudjt.store.commit-interval, 250, PT0.25S",
        "crudjt.store.sweep-interval, 500ms, PT0.5S",
        "crudjt.store.sweep-interval, 5s, PT5S",
        "crudjt.store.sweep-interval, PT5S, PT5S",
        "crudjt.store.sweep-interval, 3600, PT1H",
        "crudjt.client.timeout, 500ms, PT0.5S",
        "crudjt.client.timeout, 5s, PT5S",
        "crudjt.client.timeout, PT5S, PT5S",
        "crudjt.client.timeout, 7, PT7S",
        "crudjt.client.connect-timeout, 500ms, PT0.5S",
        "crudjt.client.connect-timeout, 5s, PT5S",
        "crudjt.client.connect-timeout, PT5S, PT5S",
        "crudjt.client.connect-timeout, 3, PT3S"
    })
    void durationsAcceptEachForm(String key, String value, Duration expected) {
        CrudJtProperties properties = bind(Map.of(key, value));

        Duration bound = switch (key) {
            case "crudjt.store.commit-interval" -> properties.getStore().getCommitInterval();
            case "crudjt.store.sweep-interval" -> properties.getStore().getSweepInterval();
            case "crudjt.client.timeout" -> properties.getClient().getTimeout();
            default -> properties.getClient().getConnectTimeout();
        };

        assertThat(bound).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"512, 512", "512B, 512", "1KB, 1024"})
    void maxDataSizeAcceptsBytesByDefault(String value, long bytes) {
        CrudJtProperties properties = bind(Map.of("crudjt.store.max-data-size", value));

        assertThat(properties.getStore().getMaxDataSize().toBytes()).isEqualTo(bytes);
    }
}
