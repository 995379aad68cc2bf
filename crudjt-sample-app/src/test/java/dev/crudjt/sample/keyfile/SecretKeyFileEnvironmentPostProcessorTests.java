package dev.crudjt.sample.keyfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.crudjt.store.TokenStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Tests of the zero set-up key file. */
@ExtendWith(OutputCaptureExtension.class)
class SecretKeyFileEnvironmentPostProcessorTests {

    @TempDir
    Path directory;

    private final SecretKeyFileEnvironmentPostProcessor processor =
            new SecretKeyFileEnvironmentPostProcessor(new DeferredLogs());

    @Test
    void createsAPrivateKeyFileOnceAndReusesIt() throws Exception {
        Path store = this.directory.resolve("store");
        StandardEnvironment first = environment(Map.of("crudjt.store.path", store.toString()));

        this.processor.postProcessEnvironment(first, new SpringApplication());
        Path keyFile = Path.of(first.getProperty("crudjt.secret-key-file"));
        String key = Files.readString(keyFile);
        StandardEnvironment second = environment(Map.of("crudjt.store.path", store.toString()));
        this.processor.postProcessEnvironment(second, new SpringApplication());

        assertThat(keyFile).isEqualTo(store.resolve("secret.key").toAbsolutePath());
        assertThat(Base64.getDecoder().decode(key.strip())).hasSize(48);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store)))
                .isEqualTo("rwx------");
        assertThat(second.getProperty("crudjt.secret-key-file")).isEqualTo(keyFile.toString());
        assertThat(Files.readString(keyFile)).isEqualTo(key);
    }

    @Test
    void configuredKeysAndClientModeGetNoKeyFile() {
        Path store = this.directory.resolve("store");
        for (Map<String, String> settings : List.of(
                Map.of("crudjt.secret-key", "configured"),
                Map.of("CRUDJT_SECRET_KEY", "configured"),
                Map.of("crudjt.secret-key-file", "/run/secrets/key"),
                Map.of("crudjt.mode", "client"), Map.of("crudjt.enabled", "false"))) {
            Map<String, Object> properties = new HashMap<>(settings);
            properties.put("crudjt.store.path", store.toString());
            StandardEnvironment environment = environment(properties);

            this.processor.postProcessEnvironment(environment, new SpringApplication());

            assertThat(environment.getPropertySources().contains("crudjtSampleSecretKeyFile"))
                    .as("settings %s", settings).isFalse();
        }
        assertThat(store).doesNotExist();
    }

    @Test
    void storeWithTokensButNoKeyFileRefusesToStartInsteadOfCreatingAKey() throws Exception {
        Path store = Files.createDirectories(this.directory.resolve("store"));
        Path storeFile = Files.write(store.resolve("crudjt.mv.db"), new byte[] {1, 2, 3});
        StandardEnvironment environment = environment(Map.of("crudjt.store.path",
                store.toString()));

        assertThatExceptionOfType(MissingKeyFileException.class).isThrownBy(() ->
                this.processor.postProcessEnvironment(environment, new SpringApplication()))
                .withMessage("The secret key file '" + store.resolve("secret.key") + "' is "
                        + "missing, but the store file '" + storeFile + "' holds tokens that "
                        + "only the key that wrote them can read")
                .satisfies((ex) -> {
                    assertThat(ex.getKeyFile()).isEqualTo(store.resolve("secret.key"));
                    assertThat(ex.getStoreFile()).isEqualTo(storeFile);
                });

        assertThat(store.resolve("secret.key")).doesNotExist();
        assertThat(environment.getPropertySources().contains("crudjtSampleSecretKeyFile"))
                .isFalse();
    }

    @Test
    void emptyStoreFileGetsANewKeyFile() throws Exception {
        Path store = Files.createDirectories(this.directory.resolve("store"));
        Files.createFile(store.resolve("crudjt.mv.db"));
        StandardEnvironment environment = environment(Map.of("crudjt.store.path",
                store.toString()));

        this.processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(store.resolve("secret.key")).isRegularFile();
        assertThat(environment.getProperty("crudjt.secret-key-file"))
                .isEqualTo(store.resolve("secret.key").toString());
    }

    @Test
    void storeFileNameIsTheOneCrudJtWrites() {
        assertThat(SecretKeyFileEnvironmentPostProcessor.STORE_FILE_NAME)
                .isEqualTo(TokenStore.FILE_NAME);
    }

    @Test
    void applicationWithAStoreButNoKeyFileFailsWithTheWaysToGoOn(CapturedOutput output)
            throws Exception {
        Path store = Files.createDirectories(this.directory.resolve("store"));
        Path storeFile = Files.write(store.resolve("crudjt.mv.db"), new byte[] {1});
        SpringApplicationBuilder application = new SpringApplicationBuilder(
                EmptyApplication.class).web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off");

        assertThatExceptionOfType(MissingKeyFileException.class)
                .isThrownBy(() -> application.run("--crudjt.store.path=" + store));

        assertThat(output.getOut()).contains("APPLICATION FAILED TO START",
                "The secret key file '" + store.resolve("secret.key") + "' is missing, but the "
                        + "store file '" + storeFile + "' holds tokens",
                "restore the key file '" + store.resolve("secret.key") + "'",
                "'crudjt.secret-key'", "CRUDJT_SECRET_KEY",
                "move the store file '" + storeFile + "' away");
        assertThat(store.resolve("secret.key")).doesNotExist();
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    @Configuration(proxyBeanMethods = false)
    static class EmptyApplication {
    }
}
