package dev.crudjt.spring.autoconfigure;

import static dev.crudjt.spring.autoconfigure.CrudJtTestSupport.secretKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtMaster;
import dev.crudjt.MasterOptions;
import dev.crudjt.TokenRead;
import dev.crudjt.spring.CrudJtTemplate;
import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CrudJtLifecycleTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CrudJtAutoConfiguration.class));

    @TempDir
    Path temp;

    @Test
    void preDestroyWritesOfTemplateUsersPersist() {
        String key = secretKey(64);
        List<String> tokens = new CopyOnWriteArrayList<>();
        List<Boolean> openAtShutdown = new CopyOnWriteArrayList<>();

        this.runner.withPropertyValues("crudjt.secret-key=" + key,
                "crudjt.store.path=" + this.temp, "crudjt.grpc.port=0",
                "crudjt.store.commit-interval=1h")
                .withBean(FarewellWriter.class, tokens, openAtShutdown)
                .run((context) -> assertThat(context).hasNotFailed()
                        .hasSingleBean(FarewellWriter.class));

        assertThat(openAtShutdown).containsExactly(true);
        assertThat(tokens).hasSize(1);
        try (CrudJtMaster reopened = CrudJt.startMaster(MasterOptions.builder().secretKey(key)
                .storePath(this.temp).grpcPort(0).build())) {
            TokenRead read = reopened.read(tokens.get(0));
            assertThat(read).isNotNull();
            assertThat(read.data()).isEqualTo(Map.of("farewell", true));
        }
    }

    /** Writes one token through the template while the context shuts down. */
    static class FarewellWriter {

        private final List<String> tokens;

        private final List<Boolean> openAtShutdown;

        private final CrudJtTemplate template;

        FarewellWriter(List<String> tokens, List<Boolean> openAtShutdown,
                CrudJtTemplate template) {
            this.tokens = tokens;
            this.openAtShutdown = openAtShutdown;
            this.template = template;
        }

        @PreDestroy
        void writeFarewell() {
            this.openAtShutdown.add(((CrudJtMaster) this.template.getCrudJt()).isOpen());
            this.tokens.add(this.template.create(Map.of("farewell", true)));
        }
    }
}
