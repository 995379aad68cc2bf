package dev.crudjt.spring.autoconfigure;

import dev.crudjt.MasterOptions;

/**
 * Callback that customizes the options of the auto-configured master after the
 * {@code crudjt.*} properties are applied, so that code wins over configuration.
 *
 * <p>Declare one or more beans of this type; they run in {@link org.springframework.core.Ordered}
 * order. They are not called in client mode.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface CrudJtMasterOptionsCustomizer {

    /**
     * Customizes the master options; {@link MasterOptions.Builder#build()} checks the result.
     *
     * @param builder the builder, already holding the secret key and the properties
     */
    void customize(MasterOptions.Builder builder);
}
