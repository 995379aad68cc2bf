package dev.crudjt.spring.autoconfigure;

import static dev.crudjt.spring.autoconfigure.CrudJtTestSupport.secretKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crudjt.ClientOptions;
import dev.crudjt.MasterOptions;
import dev.crudjt.grpc.GrpcTokenServer;
import dev.crudjt.spring.autoconfigure.CrudJtProperties.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

@ExtendWith(OutputCaptureExtension.class)
class CrudJtFactoryTests {

    private final CrudJtProperties properties = new CrudJtProperties();

    private final MockEnvironment environment = new MockEnvironment();

    private CrudJtFactory factory(List<CrudJtMasterOptionsCustomizer> masterCustomizers,
            List<CrudJtClientOptionsCustomizer> clientCustomizers) {
        return new CrudJtFactory(this.properties, this.environment,
                new SecretKeyResolver(this.properties, this.environment), masterCustomizers,
                clientCustomizers);
    }

    private CrudJtFactory factory() {
        return factory(List.of(), List.of());
    }

    @Test
    void everyStoreAndGrpcPropertyReachesMasterOptions() {
        String key = secretKey(64);
        this.properties.getStore().setPath(Path.of("/srv/crudjt"));
        this.properties.getStore().setCommitInterval(Duration.ofMillis(200));
        this.properties.getStore().setSweepInterval(Duration.ofMinutes(5));
        this.properties.getStore().setCacheSize(7);
        this.properties.getStore().setMaxDataSize(DataSize.ofKilobytes(2));
        this.properties.getGrpc().setHost("::1");
        this.properties.getGrpc().setPort(50100);
        this.properties.getGrpc().setAllowRemote(true);

        MasterOptions options = factory().masterOptions(key);

        assertThat(options.secretKey()).isEqualTo(Base64.getDecoder().decode(key));
        assertThat(options.storePath()).isEqualTo(Path.of("/srv/crudjt"));
        assertThat(options.commitInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(options.sweepInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.cacheSize()).isEqualTo(7);
        assertThat(options.maxDataSize()).isEqualTo(2048);
        assertThat(options.grpcHost()).isEqualTo("::1");
        assertThat(options.grpcPort()).isEqualTo(50100);
        assertThat(options.allowRemote()).isTrue();
    }

    @Test
    void defaultPropertiesGiveDefaultMasterOptions() {
        MasterOptions options = factory().masterOptions(secretKey());

        assertThat(options.storePath()).isNull();
        assertThat(options.commitInterval()).isEqualTo(MasterOptions.DEFAULT_COMMIT_INTERVAL);
        assertThat(options.sweepInterval()).isEqualTo(MasterOptions.DEFAULT_SWEEP_INTERVAL);
        assertThat(options.cacheSize()).isEqualTo(MasterOptions.DEFAULT_CACHE_SIZE);
        assertThat(options.maxDataSize()).isEqualTo(MasterOptions.DEFAULT_MAX_DATA_SIZE);
        assertThat(options.grpcHost()).isEqualTo(MasterOptions.DEFAULT_GRPC_HOST);
        assertThat(options.grpcPort()).isEqualTo(MasterOptions.DEFAULT_GRPC_PORT);
        assertThat(options.allowRemote()).isFalse();
    }

    @Test
    void everyGrpcAndClientPropertyReachesClientOptions() {
        this.properties.getGrpc().setHost("localhost");
        this.properties.getGrpc().setPort(50200);
        this.properties.getClient().setTimeout(Duration.ofSeconds(2));
        this.properties.getClient().setConnectTimeout(Duration.ofMillis(750));

        ClientOptions options = factory().clientOptions();

        assertThat(options).isEqualTo(new ClientOptions("localhost", 50200,
                Duration.ofSeconds(2), Duration.ofMillis(750)));
    }

    @Test
    void customizersWinOverProperties() {
        this.properties.getStore().setCacheSize(7);
        this.properties.getGrpc().setPort(50200);

        CrudJtFactory factory = factory(List.of((builder) -> builder.cacheSize(9)),
                List.of((builder) -> builder.grpcPort(50300)));

        assertThat(factory.masterOptions(secretKey()).cacheSize()).isEqualTo(9);
        assertThat(factory.clientOptions().grpcPort()).isEqualTo(50300);
    }

    @Test
    void oversizedMaxDataSizeNamesTheProperty() {
        this.properties.getStore().setMaxDataSize(DataSize.ofGigabytes(4));

        assertThatExceptionOfType(CrudJtPropertyException.class)
                .isThrownBy(() -> factory().masterOptions(secretKey()))
                .withMessage("Invalid value '4294967296B' for the CRUDJT property "
                        + "'crudjt.store.max-data-size': it must be from 2 to 65536 bytes (64KB)")
                .satisfies((ex) -> assertThat(ex.getOrigin()).isNull());
    }

    @Test
    void rejectedPropertyIsNamedWithItsValueAsSetAndWhereItWasSet() {
        this.environment.setProperty("crudjt.store.commit-interval", "0");
        bindProperties();

        assertThatExceptionOfType(CrudJtPropertyException.class)
                .isThrownBy(() -> factory().masterOptions(secretKey()))
                .withMessage("Invalid value '0' for the CRUDJT property "
                        + "'crudjt.store.commit-interval' (from property source 'mockProperties'): "
                        + "it must be a positive duration")
                .withCauseInstanceOf(IllegalArgumentException.class)
                .satisfies((ex) -> {
                    assertThat(ex.getProperty()).isEqualTo("crudjt.store.commit-interval");
                    assertThat(ex.getValue()).isEqualTo("0");
                    assertThat(ex.getAction()).isEqualTo("Set 'crudjt.store.commit-interval' "
                            + "to a positive duration such as 500ms.");
                });
    }

    @Test
    void rejectedClientPropertyIsNamed() {
        this.environment.setProperty("crudjt.client.connect-timeout", "-1s");
        bindProperties();

        assertThatExceptionOfType(CrudJtPropertyException.class)
                .isThrownBy(() -> factory().clientOptions())
                .satisfies((ex) -> {
                    assertThat(ex.getProperty()).isEqualTo("crudjt.client.connect-timeout");
                    assertThat(ex.getValue()).isEqualTo("-1s");
                });
    }

    @Test
    void valueThatOnlyACustomizerSetsKeepsTheCoreMessage() {
        CrudJtFactory factory = factory(List.of((builder) -> builder.cacheSize(-3)),
                List.of((builder) -> builder.timeout(Duration.ZERO)));

        assertThatIllegalArgumentException().isThrownBy(() -> factory.masterOptions(secretKey()))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .withMessage("'cacheSize' must be zero or more, was -3");
        assertThatIllegalArgumentException().isThrownBy(factory::clientOptions)
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .withMessage("'timeout' must be a positive duration, was PT0S");
    }

    @Test
    void customizerThatReplacesARejectedPropertyWins() {
        this.properties.getStore().setCacheSize(-1);

        CrudJtFactory factory = factory(List.of((builder) -> builder.cacheSize(10)), List.of());

        assertThat(factory.masterOptions(secretKey()).cacheSize()).isEqualTo(10);
    }

    @Test
    void everyCoreFailureOfAnOptionThatAPropertySetsIsMapped() {
        String key = secretKey();
        Map<OptionProperty, ThrowingCallable> failures = new EnumMap<>(OptionProperty.class);
        failures.put(OptionProperty.STORE_COMMIT_INTERVAL, () -> MasterOptions.builder()
                .secretKey(key).commitInterval(Duration.ZERO).build());
        failures.put(OptionProperty.STORE_SWEEP_INTERVAL, () -> MasterOptions.builder()
                .secretKey(key).sweepInterval(Duration.ofSeconds(-5)).build());
        failures.put(OptionProperty.STORE_CACHE_SIZE, () -> MasterOptions.builder()
                .secretKey(key).cacheSize(-1).build());
        failures.put(OptionProperty.STORE_MAX_DATA_SIZE, () -> MasterOptions.builder()
                .secretKey(key).maxDataSize(1 << 20).build());
        failures.put(OptionProperty.STORE_DURABILITY, () -> MasterOptions.builder()
                .secretKey(key).durability(null).build());
        failures.put(OptionProperty.GRPC_HOST_BLANK, () -> MasterOptions.builder()
                .secretKey(key).grpcHost(" ").build());
        failures.put(OptionProperty.GRPC_HOST_UNRESOLVABLE,
                () -> GrpcTokenServer.resolveBindAddress("[not-an-address]", false));
        failures.put(OptionProperty.GRPC_HOST_NOT_LOOPBACK,
                () -> GrpcTokenServer.resolveBindAddress("0.0.0.0", false));
        failures.put(OptionProperty.GRPC_PORT, () -> ClientOptions.builder().grpcPort(0).build());
        failures.put(OptionProperty.CLIENT_TIMEOUT, () -> ClientOptions.builder()
                .timeout(Duration.ZERO).build());
        failures.put(OptionProperty.CLIENT_CONNECT_TIMEOUT, () -> ClientOptions.builder()
                .connectTimeout(Duration.ofSeconds(-1)).build());

        assertThat(failures).containsOnlyKeys(OptionProperty.values());
        failures.forEach((option, failure) -> assertThat(OptionProperty.of(
                catchThrowableOfType(IllegalArgumentException.class, failure)))
                .as(option.property()).isEqualTo(option));
        assertThat(OptionProperty.of(catchThrowableOfType(IllegalArgumentException.class,
                () -> MasterOptions.builder().secretKey("x").build()))).isNull();
    }

    private void bindProperties() {
        Binder.get(this.environment).bind("crudjt", Bindable.ofInstance(this.properties));
    }

    @Test
    void modeIsClientWhenNothingIsSet() {
        assertThat(factory().resolveMode()).isEqualTo(Mode.CLIENT);
    }

    @Test
    void modeIsMasterWhenAKeyIsSet() {
        this.properties.setSecretKey(secretKey());

        assertThat(factory().resolveMode()).isEqualTo(Mode.MASTER);
    }

    @Test
    void modeIsMasterWhenOnlyTheEnvironmentVariableIsSet() {
        this.environment.setProperty("CRUDJT_SECRET_KEY", secretKey());

        assertThat(factory().resolveMode()).isEqualTo(Mode.MASTER);
    }

    @Test
    void modeIsMasterWhenAKeyFileIsSet() {
        this.properties.setSecretKeyFile(Path.of("/run/secrets/crudjt"));

        assertThat(factory().resolveMode()).isEqualTo(Mode.MASTER);
    }

    @Test
    void blankKeysDoNotMakeAMaster() {
        this.properties.setSecretKey("  ");
        this.environment.setProperty("CRUDJT_SECRET_KEY", "");

        assertThat(factory().resolveMode()).isEqualTo(Mode.CLIENT);
    }

    @Test
    void explicitMasterModeWins() {
        this.properties.setMode(Mode.MASTER);

        assertThat(factory().resolveMode()).isEqualTo(Mode.MASTER);
    }

    @Test
    void explicitClientModeWinsOverAKeyAndWarnsOnce(CapturedOutput output) {
        this.properties.setMode(Mode.CLIENT);
        this.properties.setSecretKeyFile(Path.of("/run/secrets/crudjt"));
        this.environment.setProperty("CRUDJT_SECRET_KEY", secretKey());

        assertThat(factory().resolveMode()).isEqualTo(Mode.CLIENT);

        assertThat(output.getOut().lines().filter((line) -> line.contains("WARN"))).singleElement()
                .asString().endsWith("CRUDJT runs as a client because 'crudjt.mode' is client; "
                        + "the secret key set in 'CRUDJT_SECRET_KEY' and "
                        + "'crudjt.secret-key-file' is ignored");
    }

    @Test
    void keyBoundFromTheEnvironmentVariableIsNamedAfterIt(CapturedOutput output) {
        this.environment.getPropertySources().addLast(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("CRUDJT_SECRET_KEY", secretKey(), "CRUDJT_MODE", "client")));
        bindProperties();

        assertThat(factory().resolveMode()).isEqualTo(Mode.CLIENT);

        assertThat(this.properties.getSecretKey()).isNotBlank();
        assertThat(output.getOut().lines().filter((line) -> line.contains("WARN"))).singleElement()
                .asString().endsWith("the secret key set in 'CRUDJT_SECRET_KEY' (environment) "
                        + "is ignored");
    }

    @Test
    void clientModeWithoutAKeyDoesNotWarn(CapturedOutput output) {
        this.properties.setMode(Mode.CLIENT);

        assertThat(factory().resolveMode()).isEqualTo(Mode.CLIENT);

        assertThat(output.getOut()).doesNotContain("WARN");
    }
}
