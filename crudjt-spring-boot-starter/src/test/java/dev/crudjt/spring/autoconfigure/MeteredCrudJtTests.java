package dev.crudjt.spring.autoconfigure;

import static dev.crudjt.spring.autoconfigure.CrudJtTestSupport.secretKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtMaster;
import dev.crudjt.spring.CrudJtTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MeteredCrudJtTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CrudJtAutoConfiguration.class));

    @TempDir
    Path temp;

    private ApplicationContextRunner master() {
        return this.runner.withPropertyValues("crudjt.secret-key=" + secretKey(),
                "crudjt.store.path=" + this.temp, "crudjt.grpc.port=0");
    }

    private static long count(MeterRegistry registry, String operation, String outcome) {
        return registry.get(MeteredCrudJt.OPERATIONS).tag("operation", operation)
                .tag("outcome", outcome).timer().count();
    }

    @Test
    void templateOperationsAreTimedByOutcome() {
        master().withBean(SimpleMeterRegistry.class).run((context) -> {
            CrudJtTemplate template = context.getBean(CrudJtTemplate.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);

            String token = template.create(Map.of("user", 1));
            template.read(token);
            template.read("AAAAAAAAAAAAAAAAAAAAAA");
            template.update(token, Map.of("user", 2));
            template.update("AAAAAAAAAAAAAAAAAAAAAA", Map.of("user", 2));
            template.delete(token);
            template.delete(token);
            assertThatIllegalArgumentException().isThrownBy(() -> template.read(" "));

            assertThat(count(registry, "create", "success")).isEqualTo(1);
            assertThat(count(registry, "read", "success")).isEqualTo(1);
            assertThat(count(registry, "read", "absent")).isEqualTo(1);
            assertThat(count(registry, "read", "error")).isEqualTo(1);
            assertThat(count(registry, "update", "success")).isEqualTo(1);
            assertThat(count(registry, "update", "absent")).isEqualTo(1);
            assertThat(count(registry, "delete", "success")).isEqualTo(1);
            assertThat(count(registry, "delete", "absent")).isEqualTo(1);
            assertThat(count(registry, "create", "error")).isZero();
        });
    }

    @Test
    void tokenGaugeFollowsTheMaster() {
        master().withBean(SimpleMeterRegistry.class).run((context) -> {
            CrudJtTemplate template = context.getBean(CrudJtTemplate.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);

            template.create(Map.of("a", 1));
            template.create(Map.of("a", 2));

            assertThat(registry.get(MeteredCrudJt.TOKENS).gauge().value()).isEqualTo(2.0);
        });
    }

    @Test
    void templateCallsTheStoreDirectlyWithoutAMeterRegistry() {
        master().run((context) -> assertThat(context.getBean(CrudJtTemplate.class).getCrudJt())
                .isSameAs(context.getBean(CrudJt.class)));
    }

    @Test
    void starterWorksWithoutMicrometer() {
        master().withClassLoader(new FilteredClassLoader("io.micrometer"))
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    CrudJtTemplate template = context.getBean(CrudJtTemplate.class);
                    assertThat(template.getCrudJt()).isInstanceOf(CrudJtMaster.class);
                    assertThat(template.read(template.create(Map.of("a", 1)))).isNotNull();
                });
    }
}
