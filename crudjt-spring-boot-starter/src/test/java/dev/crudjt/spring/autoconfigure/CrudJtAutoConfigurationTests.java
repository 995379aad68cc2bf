package dev.crudjt.spring.autoconfigure;

import static dev.crudjt.spring.autoconfigure.CrudJtTestSupport.freePort;
import static dev.crudjt.spring.autoconfigure.CrudJtTestSupport.secretKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtError;
import dev.crudjt.CrudJtMaster;
import dev.crudjt.Durability;
import dev.crudjt.MasterOptions;
import dev.crudjt.TokenRead;
import dev.crudjt.spring.CrudJtTemplate;
import dev.crudjt.spring.autoconfigure.CrudJtKeyException.Reason;
import dev.crudjt.spring.autoconfigure.CrudJtProperties.Mode;
import dev.crudjt.store.StoreLocation;
import dev.crudjt.store.TokenStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

@ExtendWith(OutputCaptureExtension.class)
class CrudJtAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CrudJtAutoConfiguration.class));

    @TempDir
    Path temp;

    private ApplicationContextRunner master(String key) {
        return this.runner.withPropertyValues("crudjt.secret-key=" + key,
                "crudjt.store.path=" + this.temp, "crudjt.grpc.port=0");
    }

    private ApplicationContextRunner clientWithoutMaster() {
        return this.runner.withPropertyValues("crudjt.grpc.port=" + freePort(),
                "crudjt.client.connect-timeout=500ms");
    }

    private Path storeFile() {
        return this.temp.resolve(TokenStore.FILE_NAME);
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 48, 64})
    void secretKeyStartsMasterWithStoreInConfiguredPath(int keyBytes) {
        master(secretKey(keyBytes)).run((context) -> {
            assertThat(context).hasSingleBean(CrudJt.class).hasSingleBean(CrudJtTemplate.class);
            CrudJtMaster master = context.getBean(CrudJtMaster.class);
            assertThat(master.isOpen()).isTrue();
            assertThat(master.storeFile()).isEqualTo(storeFile());
            assertThat(storeFile()).exists();
        });
    }

    @Test
    void masterClosesWhenContextCloses() {
        List<CrudJtMaster> masters = new ArrayList<>();

        master(secretKey()).run((context) -> masters.add(context.getBean(CrudJtMaster.class)));

        assertThat(masters).singleElement().satisfies((master) ->
                assertThat(master.isOpen()).isFalse());
    }

    @Test
    void templateWritesThroughAutoConfiguredMaster() {
        master(secretKey()).run((context) -> {
            CrudJtTemplate template = context.getBean(CrudJtTemplate.class);
            String token = template.create(Map.of("user", 42));
            assertThat(context.getBean(CrudJt.class).read(token).data())
                    .containsEntry("user", 42);
        });
    }

    @Test
    void templateUsesTheApplicationsObjectMapper() {
        ObjectMapper snakeCase = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

        master(secretKey()).withBean(ObjectMapper.class, () -> snakeCase).run((context) -> {
            CrudJtTemplate template = context.getBean(CrudJtTemplate.class);
            String token = template.create(new Profile("Ada", 36));
            assertThat(template.read(token).data()).containsOnlyKeys("display_name", "age");
            assertThat(template.read(token, Profile.class)).isEqualTo(new Profile("Ada", 36));
        });
    }

    @Test
    void defaultObjectMapperIgnoresUnknownFields() {
        master(secretKey()).run((context) -> {
            CrudJtTemplate template = context.getBean(CrudJtTemplate.class);
            String token = template.create(Map.of("displayName", "Ada", "age", 36,
                    "addedLater", true));
            assertThat(template.read(token, Profile.class)).isEqualTo(new Profile("Ada", 36));
        });
    }

    @Test
    void nothingSetStartsClientThatFailsWhenNoMasterAnswers() {
        List<Path> defaults = defaultStoreFiles();
        List<Path> existing = defaults.stream().filter(Files::exists).toList();

        clientWithoutMaster().run((context) -> {
            CrudJtStartupException failure = startupFailure(context);
            assertThat(failure.getMode()).isEqualTo(Mode.CLIENT);
            assertThat(failure.error()).isEqualTo(CrudJtError.MASTER_UNAVAILABLE);
            assertThat(failure.getMessage()).startsWith("Cannot connect to the CRUDJT master: ")
                    .contains(failure.getAddress());
        });

        assertThat(defaults.stream().filter(Files::exists)).containsExactlyElementsOf(existing);
    }

    @Test
    void emptySecretKeyIsTreatedAsUnset() {
        clientWithoutMaster()
                .withPropertyValues("crudjt.secret-key=", "crudjt.store.path=" + this.temp)
                .run((context) -> assertThat(startupFailure(context).getMode())
                        .isEqualTo(Mode.CLIENT));

        assertThat(this.temp).isEmptyDirectory();
    }

    @Test
    void environmentVariableAloneStartsMaster() {
        this.runner.withPropertyValues("CRUDJT_SECRET_KEY=" + secretKey(),
                "crudjt.store.path=" + this.temp, "crudjt.grpc.port=0").run((context) ->
                assertThat(context).getBean(CrudJt.class).isInstanceOf(CrudJtMaster.class));

        assertThat(storeFile()).exists();
    }

    @Test
    void emptyEnvironmentVariableIsTreatedAsUnset() {
        clientWithoutMaster()
                .withPropertyValues("CRUDJT_SECRET_KEY=", "crudjt.store.path=" + this.temp)
                .run((context) -> assertThat(startupFailure(context).getMode())
                        .isEqualTo(Mode.CLIENT));
    }

    @Test
    void secretKeyPropertyTakesPrecedenceOverEnvironmentVariable() {
        master(secretKey()).withPropertyValues("CRUDJT_SECRET_KEY=not a key").run((context) ->
                assertThat(context).getBean(CrudJt.class).isInstanceOf(CrudJtMaster.class));
    }

    @Test
    void secretKeyFileStartsMasterWithTrimmedKey() throws IOException {
        Path keyFile = Files.writeString(this.temp.resolve("key"), "  " + secretKey() + "\n\n");

        this.runner.withPropertyValues("crudjt.secret-key-file=" + keyFile,
                "crudjt.store.path=" + this.temp.resolve("store"), "crudjt.grpc.port=0")
                .run((context) -> assertThat(context).getBean(CrudJt.class)
                        .isInstanceOf(CrudJtMaster.class));

        assertThat(this.temp.resolve("store").resolve(TokenStore.FILE_NAME)).exists();
    }

    @Test
    void clientModeWithSecretKeyIgnoresKeyWithOneWarning(CapturedOutput output) {
        String key = secretKey();

        clientWithoutMaster().withPropertyValues("crudjt.mode=client", "crudjt.secret-key=" + key,
                "crudjt.store.path=" + this.temp).run((context) ->
                assertThat(startupFailure(context).getMode()).isEqualTo(Mode.CLIENT));

        String warning = "CRUDJT runs as a client because 'crudjt.mode' is client; the secret "
                + "key set in 'crudjt.secret-key' is ignored";
        assertThat(output.getOut().split(warning, -1)).hasSize(2);
        assertThat(output.getOut()).contains("WARN").doesNotContain(key);
        assertThat(this.temp).isEmptyDirectory();
    }

    @Test
    void masterModeWithoutSecretKeyFails() {
        this.runner.withPropertyValues("crudjt.mode=master", "crudjt.store.path=" + this.temp)
                .run((context) -> assertThat(keyFailure(context).getReason())
                        .isEqualTo(Reason.MISSING));

        assertThat(this.temp).isEmptyDirectory();
    }

    @Test
    void masterModeWithSecretKeyStartsMaster() {
        master(secretKey()).withPropertyValues("crudjt.mode=master").run((context) ->
                assertThat(context).getBean(CrudJt.class).isInstanceOf(CrudJtMaster.class));
    }

    @Test
    void secretKeyAndSecretKeyFileTogetherFail() throws IOException {
        Path keyFile = Files.writeString(this.temp.resolve("key"), secretKey());

        master(secretKey()).withPropertyValues("crudjt.secret-key-file=" + keyFile)
                .run((context) -> assertThat(keyFailure(context).getReason())
                        .isEqualTo(Reason.CONFLICT));

        assertThat(storeFile()).doesNotExist();
    }

    @Test
    void disabledCreatesNothing() {
        master(secretKey()).withPropertyValues("crudjt.enabled=false").run((context) ->
                assertThat(context).hasNotFailed().doesNotHaveBean(CrudJt.class)
                        .doesNotHaveBean(CrudJtTemplate.class)
                        .doesNotHaveBean(CrudJtProperties.class));

        assertThat(this.temp).isEmptyDirectory();
    }

    @Test
    void userCrudJtBeanBacksOffAutoConfiguredOne() {
        Path auto = this.temp.resolve("auto");

        this.runner.withUserConfiguration(UserCrudJtConfiguration.class)
                .withPropertyValues("user.store=" + this.temp.resolve("user"),
                        "crudjt.secret-key=" + secretKey(), "crudjt.store.path=" + auto,
                        "crudjt.grpc.port=0")
                .run((context) -> {
                    assertThat(context).hasSingleBean(CrudJt.class).hasBean("userCrudJt");
                    CrudJt user = context.getBean(CrudJt.class);
                    assertThat(context.getBean(CrudJtTemplate.class).getCrudJt()).isSameAs(user);
                });

        assertThat(auto).doesNotExist();
    }

    @Test
    void userTemplateBeanBacksOffAndOpensNothing() {
        clientWithoutMaster().withUserConfiguration(UserTemplateConfiguration.class)
                .withPropertyValues("crudjt.secret-key=" + secretKey(),
                        "crudjt.store.path=" + this.temp)
                .run((context) -> {
                    assertThat(context).hasNotFailed().hasSingleBean(CrudJtTemplate.class)
                            .hasBean("userTemplate").doesNotHaveBean(CrudJt.class);
                });

        assertThat(this.temp).isEmptyDirectory();
    }

    @Test
    void masterCustomizersRunInOrderAfterProperties() {
        Path first = this.temp.resolve("first");
        Path second = this.temp.resolve("second");

        master(secretKey())
                .withBean("second", CrudJtMasterOptionsCustomizer.class,
                        () -> new OrderedMasterCustomizer(2, second))
                .withBean("first", CrudJtMasterOptionsCustomizer.class,
                        () -> new OrderedMasterCustomizer(1, first))
                .run((context) -> assertThat(context.getBean(CrudJtMaster.class).storeFile())
                        .isEqualTo(second.resolve(TokenStore.FILE_NAME)));

        assertThat(first).doesNotExist();
        assertThat(storeFile()).doesNotExist();
    }

    @Test
    void clientCustomizersRunAfterProperties() {
        int port = freePort();

        clientWithoutMaster()
                .withBean(CrudJtClientOptionsCustomizer.class,
                        () -> (builder) -> builder.grpcPort(port))
                .run((context) -> assertThat(startupFailure(context).getAddress())
                        .isEqualTo("127.0.0.1:" + port));
    }

    @Test
    void maxDataSizeReachesMaster() {
        master(secretKey()).withPropertyValues("crudjt.store.max-data-size=32B").run((context) -> {
            CrudJtTemplate template = context.getBean(CrudJtTemplate.class);
            assertThat(template.create(Map.of("a", "b"))).hasSize(TokenStore.TOKEN_LENGTH);
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> template.create(Map.of("a", "b".repeat(40))))
                    .withMessageContaining("over the limit of 32 bytes");
        });
    }

    @Test
    void durabilityReachesMaster() {
        master(secretKey()).run((context) -> assertThat(context.getBean(CrudJtMaster.class)
                .options().durability()).isEqualTo(Durability.INTERVAL));
        master(secretKey()).withPropertyValues("crudjt.store.durability=sync").run((context) -> {
            CrudJtMaster master = context.getBean(CrudJtMaster.class);
            assertThat(master.options().durability()).isEqualTo(Durability.SYNC);
            String token = context.getBean(CrudJtTemplate.class).create(Map.of("a", 1));
            assertThat(master.read(token)).isNotNull();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"crudjt.store.commit-interval", "crudjt.store.sweep-interval",
            "crudjt.client.timeout", "crudjt.client.connect-timeout"})
    void badDurationFailsStartupNamingTheKey(String key) {
        master(secretKey()).withPropertyValues(key + "=soon").run((context) -> {
            BindException failure = failureOfType(context, BindException.class);
            assertThat(failure).hasMessageStartingWith("Failed to bind properties under '" + key
                    + "' to java.time.Duration");
            assertThat(failure.getProperty().getName()).hasToString(key);
        });

        assertThat(storeFile()).doesNotExist();
    }

    @Test
    void invalidOptionValueFailsStartupNamingTheOption() {
        master(secretKey()).withPropertyValues("crudjt.store.commit-interval=0").run((context) ->
                assertThat(context).getFailure().rootCause()
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("'commitInterval' must be a positive duration, was PT0S"));
    }

    static CrudJtStartupException startupFailure(AssertableApplicationContext context) {
        return failureOfType(context, CrudJtStartupException.class);
    }

    static CrudJtKeyException keyFailure(AssertableApplicationContext context) {
        return failureOfType(context, CrudJtKeyException.class);
    }

    static <T extends Throwable> T failureOfType(AssertableApplicationContext context,
            Class<T> type) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        while (!type.isInstance(failure)) {
            assertThat(failure.getCause()).as("cause of %s", failure).isNotNull();
            failure = failure.getCause();
        }
        return type.cast(failure);
    }

    static List<Path> defaultStoreFiles() {
        List<Path> files = new ArrayList<>();
        Path system = StoreLocation.systemDirectory(System.getProperty("os.name", ""));
        if (system != null) {
            files.add(system.resolve(TokenStore.FILE_NAME));
        }
        files.add(Path.of(StoreLocation.FALLBACK_NAME).toAbsolutePath()
                .resolve(TokenStore.FILE_NAME));
        return files;
    }

    @Configuration(proxyBeanMethods = false)
    static class UserCrudJtConfiguration {

        @Bean
        CrudJt userCrudJt(Environment environment) {
            return CrudJt.startMaster(MasterOptions.builder()
                    .secretKey(secretKey())
                    .storePath(Path.of(environment.getRequiredProperty("user.store")))
                    .grpcPort(0)
                    .build());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserTemplateConfiguration {

        @Bean
        CrudJtTemplate userTemplate() {
            return new CrudJtTemplate(new UnusedCrudJt(),
                    new ObjectMapper());
        }
    }

    /** A store the user template wraps; the back-off test never calls it. */
    static final class UnusedCrudJt implements CrudJt {

        @Override
        public String create(Map<String, ?> data, @Nullable Long ttl,
                @Nullable Long silenceRead) {
            throw new UnsupportedOperationException();
        }

        @Override
        public @Nullable TokenRead read(String token) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean update(String token, Map<String, ?> data, @Nullable Long ttl,
                @Nullable Long silenceRead) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(String token) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    record OrderedMasterCustomizer(int order, Path storePath)
            implements CrudJtMasterOptionsCustomizer, Ordered {

        @Override
        public void customize(MasterOptions.Builder builder) {
            builder.storePath(this.storePath);
        }

        @Override
        public int getOrder() {
            return this.order;
        }
    }

    record Profile(String displayName, int age) {
    }
}
