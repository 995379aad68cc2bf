package dev.crudjt.spring.autoconfigure;

import static dev.crudjt.spring.autoconfigure.CrudJtTestSupport.secretKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtMaster;
import dev.crudjt.MasterOptions;
import dev.crudjt.spring.CrudJtTemplate;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CrudJtHealthIndicatorTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CrudJtAutoConfiguration.class));

    @TempDir
    Path temp;

    private ApplicationContextRunner master() {
        return this.runner.withPropertyValues("crudjt.secret-key=" + secretKey(),
                "crudjt.store.path=" + this.temp, "crudjt.grpc.port=0");
    }

    private CrudJtMaster startMaster() {
        return CrudJt.startMaster(MasterOptions.builder().secretKey(secretKey())
                .storePath(this.temp).grpcPort(0).build());
    }

    @Test
    void masterIsUpWithStoreFileAndTokenCount() {
        master().run((context) -> {
            context.getBean(CrudJtTemplate.class).create(Map.of("a", 1));

            Health health = context.getBean("crudjtHealthIndicator", HealthIndicator.class)
                    .health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsOnly(
                    Map.entry("mode", "master"),
                    Map.entry("storeFile", this.temp.resolve("crudjt.mv.db").toString()),
                    Map.entry("tokens", 1L));
        });
    }

    @Test
    void closedMasterIsDown() {
        CrudJtMaster master = startMaster();
        master.close();

        Health health = new CrudJtHealthIndicator(master).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("mode", "master")
                .doesNotContainKey("tokens");
    }

    @Test
    void otherStoresAreUnknown() {
        Health health = new CrudJtHealthIndicator(
                new CrudJtAutoConfigurationTests.UnusedCrudJt()).health();

        assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void indicatorCanBeDisabled() {
        master().withPropertyValues("management.health.crudjt.enabled=false").run((context) ->
                assertThat(context).hasSingleBean(CrudJt.class)
                        .doesNotHaveBean("crudjtHealthIndicator"));
    }

    @Test
    void indicatorUsesUserCrudJt() {
        try (CrudJtMaster user = startMaster()) {
            this.runner.withBean("userCrudJt", CrudJt.class, () -> user).run((context) -> {
                Health health = context.getBean("crudjtHealthIndicator", HealthIndicator.class)
                        .health();

                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails()).containsEntry("storeFile",
                        user.storeFile().toString());
            });
        }
    }

    @Test
    void noIndicatorWhenUserTemplateLeavesNoCrudJt() {
        this.runner.withBean("userTemplate", CrudJtTemplate.class,
                () -> new CrudJtTemplate(new CrudJtAutoConfigurationTests.UnusedCrudJt(),
                        new ObjectMapper()))
                .run((context) -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(CrudJt.class)
                        .doesNotHaveBean("crudjtHealthIndicator"));
    }

    @Test
    void starterWorksWithoutHealthSupport() {
        master().withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
                .run((context) -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean("crudjtHealthIndicator");
                    String token = context.getBean(CrudJtTemplate.class).create(Map.of("a", 1));
                    assertThat(context.getBean(CrudJtTemplate.class).read(token)).isNotNull();
                });
    }
}
