package dev.crudjt.spring.autoconfigure;

import dev.crudjt.ClientOptions;

/**
 * Callback that customizes the options of the auto-configured client after the
 * {@code crudjt.*} properties are applied, so that code wins over configuration.
 *
 * <p>Declare one or more beans of this type; they run in {@link org.springframework.core.Ordered}
 * order. They are not called in master mode.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface CrudJtClientOptionsCustomizer {

    /**
     * Customizes the client options; {@link ClientOptions.Builder#build()} checks the result.
     *
     * @param builder the builder, already holding the properties
     */
    void customize(ClientOptions.Builder builder);
}
