package dev.crudjt.spring.autoconfigure;

import static dev.crudjt.spring.autoconfigure.CrudJtTestSupport.secretKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtClient;
import dev.crudjt.CrudJtMaster;
import dev.crudjt.spring.CrudJtTemplate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A master application started by {@code @SpringBootTest} and client applications started next
 * to it in the same JVM, all configured by properties only.
 */
@SpringBootTest(classes = CrudJtMasterClientIntegrationTests.CrudJtApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class CrudJtMasterClientIntegrationTests {

    @TempDir
    static Path store;

    @Autowired
    private CrudJtTemplate template;

    @Autowired
    private CrudJt crudJt;

    @DynamicPropertySource
    static void masterProperties(DynamicPropertyRegistry registry) {
        registry.add("crudjt.secret-key", () -> secretKey(32));
        registry.add("crudjt.store.path", () -> store.toString());
        registry.add("crudjt.grpc.port", () -> 0);
    }

    private int masterPort() {
        return ((CrudJtMaster) this.crudJt).grpcAddress().getPort();
    }

    private ConfigurableApplicationContext startClient(String... properties) {
        return new SpringApplicationBuilder(CrudJtApplication.class)
                .web(WebApplicationType.NONE)
                .properties("crudjt.grpc.port=" + masterPort(),
                        "crudjt.client.connect-timeout=5s")
                .properties(properties)
                .run();
    }

    record Visit(String page, List<Integer> seconds) {
    }

    @Test
    void masterRunsInTheTestContext() {
        assertThat(this.crudJt).isInstanceOf(CrudJtMaster.class);
        assertThat(((CrudJtMaster) this.crudJt).storeFile()).startsWith(store);
    }

    @Test
    void clientWithNothingSetSharesTheMastersTokens() {
        try (ConfigurableApplicationContext client = startClient()) {
            CrudJtTemplate clientTemplate = client.getBean(CrudJtTemplate.class);
            assertThat(client.getBean(CrudJt.class)).isInstanceOf(CrudJtClient.class);

            String fromMaster = this.template.create(new Visit("/home", List.of(1, 2)),
                    Duration.ofMinutes(5), null);
            String fromClient = clientTemplate.create(new Visit("/cart", List.of(3)));

            assertThat(clientTemplate.read(fromMaster, Visit.class))
                    .isEqualTo(new Visit("/home", List.of(1, 2)));
            assertThat(clientTemplate.read(fromMaster).ttl()).isBetween(299L, 300L);
            assertThat(this.template.read(fromClient, Visit.class))
                    .isEqualTo(new Visit("/cart", List.of(3)));
            assertThat(clientTemplate.update(fromMaster, Map.of("page", "/done"))).isTrue();
            assertThat(this.template.read(fromMaster).data()).isEqualTo(Map.of("page", "/done"));
            assertThat(clientTemplate.delete(fromClient)).isTrue();
            assertThat(this.template.read(fromClient)).isNull();
        }
    }

    @Test
    void clientModeWithSecretKeyConnectsAndWarnsOnce(CapturedOutput output) {
        String key = secretKey(64);

        try (ConfigurableApplicationContext client = startClient("crudjt.mode=client",
                "crudjt.secret-key=" + key)) {
            CrudJtTemplate clientTemplate = client.getBean(CrudJtTemplate.class);
            String token = clientTemplate.create(Map.of("via", "client"));

            assertThat(this.template.read(token).data()).isEqualTo(Map.of("via", "client"));
        }

        assertThat(output.getOut().split("CRUDJT runs as a client because 'crudjt.mode' is "
                + "client", -1)).hasSize(2);
        assertThat(output.getOut()).doesNotContain(key);
    }

    @Test
    void clientHealthIsUpWhileTheMasterAnswers() {
        try (ConfigurableApplicationContext client = startClient()) {
            Health health = client.getBean("crudjtHealthIndicator", HealthIndicator.class)
                    .health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("mode", "client")
                    .containsEntry("master", "127.0.0.1:" + masterPort());
        }
    }

    @Test
    void masterHealthIsUp() {
        Health health = new CrudJtHealthIndicator(this.crudJt).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("mode", "master");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class CrudJtApplication {
    }
}
