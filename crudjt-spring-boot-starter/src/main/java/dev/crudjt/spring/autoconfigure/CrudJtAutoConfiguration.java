package dev.crudjt.spring.autoconfigure;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.crudjt.CrudJt;
import dev.crudjt.spring.CrudJtTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of CRUDJT: a {@link CrudJt} master or client built from
 * {@link CrudJtProperties}, and a {@link CrudJtTemplate} over it.
 *
 * <p>The master opens while the context starts and closes when it closes, after every bean
 * that depends on the template has been destroyed. A {@link CrudJt} or {@link CrudJtTemplate}
 * bean of the application makes this configuration back off and open nothing. With Spring
 * Boot's health support a {@code crudjt} health indicator is added, and with Micrometer and a
 * {@link MeterRegistry} bean the template's operations are timed.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(CrudJt.class)
@ConditionalOnBooleanProperty(name = "crudjt.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CrudJtProperties.class)
public final class CrudJtAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean({CrudJt.class, CrudJtTemplate.class})
    CrudJt crudJt(CrudJtProperties properties, Environment environment,
            ObjectProvider<CrudJtMasterOptionsCustomizer> masterCustomizers,
            ObjectProvider<CrudJtClientOptionsCustomizer> clientCustomizers) {
        return new CrudJtFactory(properties, environment,
                new SecretKeyResolver(properties, environment),
                masterCustomizers.orderedStream().toList(),
                clientCustomizers.orderedStream().toList()).create();
    }

    @Bean
    @ConditionalOnMissingBean
    CrudJtTemplate crudJtTemplate(CrudJt crudJt, ObjectProvider<ObjectMapper> objectMapper,
            ObjectProvider<CrudJtInstrumentation> instrumentations) {
        CrudJt instrumented = crudJt;
        for (CrudJtInstrumentation instrumentation : instrumentations.orderedStream().toList()) {
            instrumented = instrumentation.instrument(instrumented);
        }
        return new CrudJtTemplate(instrumented,
                objectMapper.getIfUnique(CrudJtAutoConfiguration::defaultObjectMapper));
    }

    private static ObjectMapper defaultObjectMapper() {
        return JsonMapper.builder()
                .findAndAddModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @Conditional(CrudJtBeanCondition.class)
    static class HealthConfiguration {

        @Bean
        @ConditionalOnEnabledHealthIndicator("crudjt")
        @ConditionalOnMissingBean(name = "crudjtHealthIndicator")
        HealthIndicator crudjtHealthIndicator(CrudJt crudJt) {
            return new CrudJtHealthIndicator(crudJt);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        CrudJtInstrumentation crudJtMetricsInstrumentation(
                ObjectProvider<MeterRegistry> meterRegistry) {
            return (crudJt) -> {
                MeterRegistry registry = meterRegistry.getIfUnique();
                return (registry != null) ? new MeteredCrudJt(crudJt, registry) : crudJt;
            };
        }
    }

    /**
     * Matches when a {@link CrudJt} bean will exist: the application declares one, or it
     * declares no {@link CrudJtTemplate}, so that the outer configuration creates one. Nested
     * configurations are registered before the outer configuration's beans, which is why a
     * plain {@code @ConditionalOnBean(CrudJt.class)} would not see the auto-configured store.
     */
    static final class CrudJtBeanCondition extends AnyNestedCondition {

        CrudJtBeanCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(CrudJt.class)
        static final class ApplicationCrudJt {
        }

        @ConditionalOnMissingBean(CrudJtTemplate.class)
        static final class AutoConfiguredCrudJt {
        }
    }
}
