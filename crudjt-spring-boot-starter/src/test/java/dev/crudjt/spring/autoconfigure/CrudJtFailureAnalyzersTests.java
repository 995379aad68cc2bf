package dev.crudjt.spring.autoconfigure;

import static dev.crudjt.spring.autoconfigure.CrudJtTestSupport.freePort;
import static dev.crudjt.spring.autoconfigure.CrudJtTestSupport.secretKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtError;
import dev.crudjt.CrudJtException;
import dev.crudjt.CrudJtMaster;
import dev.crudjt.MasterOptions;
import dev.crudjt.spring.autoconfigure.CrudJtProperties.Mode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

@ExtendWith(OutputCaptureExtension.class)
class CrudJtFailureAnalyzersTests {

    private static final List<FailureAnalyzer> ANALYZERS = List.of(
            new CrudJtKeyFailureAnalyzer(), new CrudJtKeyConflictFailureAnalyzer(),
            new CrudJtStoreLockedFailureAnalyzer(), new CrudJtAddressInUseFailureAnalyzer(),
            new CrudJtStoreUnavailableFailureAnalyzer(),
            new CrudJtMasterUnavailableFailureAnalyzer(), new CrudJtPropertyFailureAnalyzer());

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CrudJtAutoConfiguration.class))
            .withPropertyValues("crudjt.grpc.port=0");

    @TempDir
    Path temp;

    @Test
    void everyAnalyzerIsRegistered() throws IOException {
        Properties factories = new Properties();
        factories.load(new ByteArrayInputStream(
                CrudJtTestSupport.moduleResource("META-INF/spring.factories")));

        String[] registered = factories.getProperty(FailureAnalyzer.class.getName()).split(",");

        assertThat(registered).containsExactlyInAnyOrderElementsOf(
                ANALYZERS.stream().map((analyzer) -> analyzer.getClass().getName()).toList());
    }

    @Test
    void masterWithoutKeyShowsHowToSetOne() {
        FailureAnalysis analysis = analyzeStartup(this.runner.withPropertyValues(
                "crudjt.mode=master", "crudjt.store.path=" + this.temp));

        assertThat(analysis.getDescription()).isEqualTo("CRUDJT runs as a master because "
                + "'crudjt.mode' is master, and a master needs a secret key, but none is "
                + "configured.");
        assertKeyHelp(analysis.getAction());
    }

    @Test
    void invalidKeyIsExplainedWithoutShowingIt() {
        String key = secretKey(20);

        FailureAnalysis analysis = analyzeStartup(this.runner.withPropertyValues(
                "crudjt.secret-key=" + key, "crudjt.store.path=" + this.temp));

        assertThat(analysis.getDescription()).isEqualTo("The secret key from crudjt.secret-key "
                + "is not valid: 'secretKey' must decode to 32, 48 or 64 bytes, decoded to 20 "
                + "bytes: generate one with 'openssl rand -base64 48'.");
        assertThat(analysis.getAction()).startsWith("Replace the key in crudjt.secret-key with "
                + "standard Base64 of 32, 48 or 64 random bytes.");
        assertKeyHelp(analysis.getAction());
        assertNotShown(analysis, key);
    }

    @Test
    void keyThatIsNotBase64IsExplainedWithoutShowingIt() {
        String key = "my*secret*session*key";

        FailureAnalysis analysis = analyzeStartup(this.runner.withPropertyValues(
                "CRUDJT_SECRET_KEY=" + key, "crudjt.store.path=" + this.temp));

        assertThat(analysis.getDescription()).isEqualTo("The secret key from CRUDJT_SECRET_KEY "
                + "is not valid: 'secretKey' is not valid standard Base64 (21 characters): "
                + "generate one with 'openssl rand -base64 48'.");
        assertKeyHelp(analysis.getAction());
        assertNotShown(analysis, key);
    }

    @Test
    void invalidKeyFileIsExplainedWithoutShowingTheKey() throws IOException {
        String key = secretKey(16);
        Path keyFile = Files.writeString(this.temp.resolve("key"), key);

        FailureAnalysis analysis = analyzeStartup(this.runner.withPropertyValues(
                "crudjt.secret-key-file=" + keyFile, "crudjt.store.path=" + this.temp));

        assertThat(analysis.getDescription()).startsWith("The secret key from "
                + "crudjt.secret-key-file (" + keyFile + ") is not valid: 'secretKey' must "
                + "decode to 32, 48 or 64 bytes, decoded to 16 bytes");
        assertKeyHelp(analysis.getAction());
        assertNotShown(analysis, key);
    }

    @Test
    void unreadableKeyFileNamesTheFile() {
        Path keyFile = this.temp.resolve("missing-key");

        FailureAnalysis analysis = analyzeStartup(this.runner.withPropertyValues(
                "crudjt.secret-key-file=" + keyFile, "crudjt.store.path=" + this.temp));

        assertThat(analysis.getDescription()).isEqualTo("Cannot read the secret key file '"
                + keyFile + "': java.nio.file.NoSuchFileException: " + keyFile + ".");
        assertThat(analysis.getAction()).startsWith("Make sure the file named by "
                + "'crudjt.secret-key-file' exists and this process can read it.");
        assertKeyHelp(analysis.getAction());
    }

    @Test
    void keyPutWhereTheKeyFileBelongsIsNeverShown() {
        String key = secretKey();

        FailureAnalysis analysis = analyzeStartup(this.runner.withPropertyValues(
                "crudjt.secret-key-file=" + key, "crudjt.store.path=" + this.temp));

        assertThat(analysis.getDescription()).contains("holds what looks like a secret key");
        assertNotShown(analysis, key);
    }

    @Test
    void keyAndKeyFileTogetherAskForOne() throws IOException {
        String key = secretKey();
        String fileKey = secretKey();
        Path keyFile = Files.writeString(this.temp.resolve("key"), fileKey);

        FailureAnalysis analysis = analyzeStartup(this.runner.withPropertyValues(
                "crudjt.secret-key=" + key, "crudjt.secret-key-file=" + keyFile,
                "crudjt.store.path=" + this.temp));

        assertThat(analysis.getDescription()).isEqualTo("A CRUDJT secret key is set both in "
                + "'crudjt.secret-key' and in 'crudjt.secret-key-file', so it is unclear which "
                + "one to use.");
        assertThat(analysis.getAction()).isEqualTo("Set the key in one place only: remove "
                + "either 'crudjt.secret-key' (and the CRUDJT_SECRET_KEY environment variable) "
                + "or 'crudjt.secret-key-file'.");
        assertNotShown(analysis, key);
        assertNotShown(analysis, fileKey);
    }

    @Test
    void storeHeldByAnotherMasterSuggestsClientMode() {
        String key = secretKey();
        try (CrudJtMaster other = CrudJt.startMaster(MasterOptions.builder().secretKey(key)
                .storePath(this.temp).grpcPort(0).build())) {
            FailureAnalysis analysis = analyzeStartup(this.runner.withPropertyValues(
                    "crudjt.secret-key=" + key, "crudjt.store.path=" + this.temp));

            assertThat(analysis.getDescription()).startsWith("The CRUDJT master cannot open "
                    + "its store because another master holds it: Store '" + other.storeFile()
                    + "' is already open in another master");
            assertThat(analysis.getAction()).isEqualTo("Only one master can hold a store. "
                    + "Make this process a client of the running master by setting "
                    + "'crudjt.mode=client' (its secret key is then ignored), or give this "
                    + "master a store of its own with 'crudjt.store.path'.");
            assertNotShown(analysis, key);
        }
    }

    @Test
    void unwritableStorePathNamesTheProperty() throws IOException {
        String key = secretKey();
        Path file = Files.writeString(this.temp.resolve("not-a-directory"), "x");
        Path storePath = file.resolve("store");

        FailureAnalysis analysis = analyzeStartup(this.runner.withPropertyValues(
                "crudjt.secret-key=" + key, "crudjt.store.path=" + storePath));

        assertThat(analysis.getDescription()).startsWith("The CRUDJT master cannot open its "
                + "store: Cannot create the store at '" + storePath.resolve("crudjt.mv.db"));
        assertThat(analysis.getAction()).isEqualTo("Make sure this process can create and "
                + "write the store directory '" + storePath + "', or set 'crudjt.store.path' to "
                + "a writable directory.");
        assertNotShown(analysis, key);
    }

    @Test
    void portInUseNamesTheAddressAndThePortProperty() {
        CrudJtStartupException failure = new CrudJtStartupException(Mode.MASTER,
                "127.0.0.1:50999", this.temp, new CrudJtException(CrudJtError.ADDRESS_IN_USE,
                        "Address already in use"));

        FailureAnalysis analysis = analyze(failure);

        assertThat(analysis.getDescription())
                .isEqualTo("The CRUDJT master cannot listen on 127.0.0.1:50999: Address already "
                        + "in use");
        assertThat(analysis.getAction()).isEqualTo("Stop the process that listens on "
                + "127.0.0.1:50999, or set 'crudjt.grpc.port' to a free port and point the "
                + "clients at the same port. If that process is another CRUDJT master, make "
                + "this process its client with 'crudjt.mode=client'.");
    }

    @Test
    void portInUseAtStartupNamesTheAddressAndThePortProperty() throws IOException {
        String key = secretKey();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();

            FailureAnalysis analysis = analyzeStartup(this.runner.withPropertyValues(
                    "crudjt.secret-key=" + key, "crudjt.store.path=" + this.temp,
                    "crudjt.grpc.port=" + taken.getLocalPort()));

            assertThat(analysis.getDescription())
                    .startsWith("The CRUDJT master cannot listen on " + address + ": ");
            assertThat(analysis.getAction()).startsWith("Stop the process that listens on "
                    + address + ", or set 'crudjt.grpc.port' to a free port");
            assertNotShown(analysis, key);
        }
    }

    @Test
    void clientWithoutMasterNamesTheAddressAndHowToStartOne() {
        int port = freePort();

        FailureAnalysis analysis = analyzeStartup(this.runner.withPropertyValues(
                "crudjt.grpc.port=" + port, "crudjt.client.connect-timeout=500ms"));

        assertThat(analysis.getDescription()).isEqualTo("CRUDJT runs as a client (no secret "
                + "key is configured, or 'crudjt.mode' is client), and no master answered at "
                + "127.0.0.1:" + port + ".");
        assertThat(analysis.getAction()).isEqualTo(String.format("Start the master first. "
                + "Exactly one process on this host is the master: a process becomes the "
                + "master when a secret key is set in it, with 'crudjt.secret-key', "
                + "'crudjt.secret-key-file' or the CRUDJT_SECRET_KEY environment variable "
                + "(generate one with 'openssl rand -base64 48').%n"
                + "If the master is running, point this client at its address with "
                + "'crudjt.grpc.host' and 'crudjt.grpc.port' (now 127.0.0.1:%d).", port));
    }

    @Test
    void applicationThatFailsToStartPrintsTheAnalysisWithoutTheKey(CapturedOutput output) {
        String key = secretKey(24);
        SpringApplicationBuilder application = new SpringApplicationBuilder(
                FailingApplication.class).web(WebApplicationType.NONE).properties(
                        "spring.main.banner-mode=off", "crudjt.secret-key=" + key,
                        "crudjt.store.path=" + this.temp, "crudjt.grpc.port=0");

        assertThatExceptionOfType(BeanCreationException.class).isThrownBy(application::run)
                .withRootCauseInstanceOf(CrudJtKeyException.class);

        assertThat(output.getOut()).contains("APPLICATION FAILED TO START",
                "The secret key from crudjt.secret-key is not valid",
                "openssl rand -base64 48").doesNotContain(key);
        assertThat(output.getErr()).doesNotContain(key);
        assertThat(this.temp).isEmptyDirectory();
    }

    @Test
    void remoteHostWithoutAllowRemoteAsksForBoth() {
        String key = secretKey();

        FailureAnalysis analysis = analyzeStartup(this.runner.withPropertyValues(
                "crudjt.secret-key=" + key, "crudjt.store.path=" + this.temp,
                "crudjt.grpc.host=0.0.0.0"));

        assertThat(analysis.getDescription()).isEqualTo("Invalid value '0.0.0.0' for the CRUDJT "
                + "property 'crudjt.grpc.host' (from property source 'test'): it is not a "
                + "loopback address, and a master binds one only when 'crudjt.grpc.allow-remote' "
                + "is true: the CRUDJT protocol is unauthenticated plaintext, so anyone who "
                + "reaches the port can read and write every token.");
        assertThat(analysis.getAction()).isEqualTo("Set 'crudjt.grpc.host' to a loopback "
                + "address such as 127.0.0.1, or, only if the network is trusted, set "
                + "'crudjt.grpc.allow-remote=true' as well.");
        assertNotShown(analysis, key);
        assertThat(this.temp).isEmptyDirectory();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            crudjt.grpc.host             | 0.0.0.0          | not a loopback address       \
                    | 'crudjt.grpc.allow-remote=true' as well
            crudjt.grpc.host             | [not-an-address] | cannot be resolved           \
                    | an IP address such as 127.0.0.1
            crudjt.grpc.host             | ""               | must not be blank            \
                    | such as 127.0.0.1
            crudjt.grpc.port             | 70000            | a port from 1 to 65535       \
                    | such as 50051
            crudjt.store.commit-interval | 0                | must be a positive duration  \
                    | a positive duration such as 500ms
            crudjt.store.sweep-interval  | -5s              | must be a positive duration  \
                    | a positive duration such as 24h
            crudjt.store.cache-size      | -1               | must be zero or more         \
                    | or to 0 to turn the cache off
            crudjt.store.max-data-size   | 1MB              | from 2 to 65536 bytes        \
                    | a size from 2B to 64KB
            crudjt.store.max-data-size   | 1B               | from 2 to 65536 bytes        \
                    | a size from 2B to 64KB
            """)
    void rejectedMasterPropertyIsNamedWithItsValue(String property, String value, String rule,
            String fix) {
        String key = secretKey();

        FailureAnalysis analysis = analyzeStartup(this.runner.withPropertyValues(
                "crudjt.secret-key=" + key, "crudjt.store.path=" + this.temp,
                property + "=" + value));

        assertThat(analysis.getCause()).isInstanceOf(CrudJtPropertyException.class);
        assertThat(analysis.getDescription()).startsWith("Invalid value '" + value + "' for the "
                + "CRUDJT property '" + property + "' (from property source 'test'): ")
                .contains(rule).endsWith(".");
        assertThat(analysis.getAction()).startsWith("Set '" + property + "' to ").contains(fix)
                .endsWith(".");
        assertThat(analysis.getDescription() + analysis.getAction())
                .doesNotContain("grpcHost", "allowRemote", "Interval'", "cacheSize",
                        "maxDataSize", "grpcPort");
        assertNotShown(analysis, key);
        assertThat(this.temp).isEmptyDirectory();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            crudjt.grpc.port              | 0   | port from 1 to 65535
            crudjt.client.timeout         | 0s  | a positive duration such as 5s
            crudjt.client.connect-timeout | -1s | a positive duration such as 10s
            """)
    void rejectedClientPropertyIsNamedWithItsValue(String property, String value, String fix) {
        FailureAnalysis analysis = analyzeStartup(this.runner.withPropertyValues(
                "crudjt.mode=client", "crudjt.grpc.port=" + freePort(), property + "=" + value));

        assertThat(analysis.getDescription()).startsWith("Invalid value '" + value + "' for the "
                + "CRUDJT property '" + property + "' (from property source 'test'): ");
        assertThat(analysis.getAction()).startsWith("Set '" + property + "' to ").contains(fix);
    }

    @Test
    void commandLineArgumentIsNamedInTheReportInsteadOfAStackTrace(CapturedOutput output) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(
                FailingApplication.class).web(WebApplicationType.NONE).properties(
                        "spring.main.banner-mode=off", "crudjt.secret-key=" + secretKey(),
                        "crudjt.store.path=" + this.temp, "crudjt.grpc.port=0");

        assertThatExceptionOfType(BeanCreationException.class)
                .isThrownBy(() -> application.run("--crudjt.store.commit-interval=0"))
                .withRootCauseInstanceOf(IllegalArgumentException.class)
                .satisfies((ex) -> assertThat(ex.contains(CrudJtPropertyException.class))
                        .isTrue());

        assertThat(output.getOut()).contains("APPLICATION FAILED TO START",
                "Invalid value '0' for the CRUDJT property 'crudjt.store.commit-interval' (from "
                        + "the command line): it must be a positive duration.",
                "Set 'crudjt.store.commit-interval' to a positive duration such as 500ms.")
                .doesNotContain("commitInterval", "BeanCreationException");
        assertThat(this.temp).isEmptyDirectory();
    }

    @Test
    void keyFromTheEnvironmentVariableIsBlamedOnIt(CapturedOutput output) {
        String key = secretKey(20);
        SpringApplicationBuilder application = new SpringApplicationBuilder(
                FailingApplication.class).web(WebApplicationType.NONE)
                .environment(environmentWithVariables(Map.of("CRUDJT_SECRET_KEY", (Object) key)))
                .properties("spring.main.banner-mode=off", "crudjt.store.path=" + this.temp,
                        "crudjt.grpc.port=0");

        assertThatExceptionOfType(BeanCreationException.class).isThrownBy(application::run)
                .withRootCauseInstanceOf(CrudJtKeyException.class);

        assertThat(output.getOut()).contains("APPLICATION FAILED TO START",
                "The secret key from CRUDJT_SECRET_KEY (environment) is not valid: 'secretKey' "
                        + "must decode to 32, 48 or 64 bytes, decoded to 20 bytes",
                "Replace the key in CRUDJT_SECRET_KEY (environment) with standard Base64")
                .doesNotContain("from crudjt.secret-key", "in crudjt.secret-key", key);
        assertThat(output.getErr()).doesNotContain(key);
    }

    @Test
    void keyFromTheEnvironmentVariableAndAKeyFileNameTheVariable() throws IOException {
        Path keyFile = Files.writeString(this.temp.resolve("key"), secretKey());

        FailureAnalysis analysis = analyzeStartup(this.runner
                .withInitializer((context) -> context.getEnvironment().getPropertySources()
                        .replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                new SystemEnvironmentPropertySource(
                                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                        Map.<String, Object>of("CRUDJT_SECRET_KEY",
                                                secretKey()))))
                .withPropertyValues("crudjt.secret-key-file=" + keyFile,
                        "crudjt.store.path=" + this.temp));

        assertThat(analysis.getDescription()).isEqualTo("A CRUDJT secret key is set both in "
                + "'CRUDJT_SECRET_KEY' (environment) and in 'crudjt.secret-key-file', so it is "
                + "unclear which one to use.");
    }

    @Test
    void failuresOfOtherStoresAreLeftToOtherAnalyzers() {
        CrudJtException failure = new CrudJtException(CrudJtError.STORE_LOCKED, "locked");

        assertThat(ANALYZERS).allSatisfy((analyzer) ->
                assertThat(analyzer.analyze(failure)).isNull());
    }

    private FailureAnalysis analyzeStartup(ApplicationContextRunner runner) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        runner.run((context) -> {
            assertThat(context).hasFailed();
            failure.set(context.getStartupFailure());
        });
        return analyze(failure.get());
    }

    private static FailureAnalysis analyze(Throwable failure) {
        List<FailureAnalysis> analyses = ANALYZERS.stream()
                .map((analyzer) -> analyzer.analyze(failure))
                .filter(Objects::nonNull)
                .toList();
        assertThat(analyses).as("analyses of %s", failure).hasSize(1);
        return analyses.get(0);
    }

    private static void assertKeyHelp(String action) {
        assertThat(action).contains("openssl rand -base64 48", "'crudjt.secret-key'",
                "'crudjt.secret-key-file'", "CRUDJT_SECRET_KEY", "'crudjt.mode=client'");
    }

    private static void assertNotShown(FailureAnalysis analysis, String key) {
        assertThat(analysis.getDescription()).doesNotContain(key);
        assertThat(analysis.getAction()).doesNotContain(key);
        for (Throwable cause = analysis.getCause(); cause != null; cause = cause.getCause()) {
            assertThat(String.valueOf(cause.getMessage())).doesNotContain(key);
        }
    }

    private static StandardEnvironment environmentWithVariables(Map<String, Object> variables) {
        return new StandardEnvironment() {

            @Override
            protected void customizePropertySources(MutablePropertySources propertySources) {
                super.customizePropertySources(propertySources);
                propertySources.replace(SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
            }
        };
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class FailingApplication {
    }
}
