package dev.crudjt.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Finds where the environment took a property's value from, so that a message can name the
 * place where the user set it: an environment variable, a file and line, or a property source.
 */
final class PropertyOrigins {

    private PropertyOrigins() {
    }

    /**
     * Looks a property up the way binding does, relaxed names included, in the sources of the
     * environment in their order of precedence.
     *
     * @param environment the environment
     * @param name the property in its canonical form, such as {@code crudjt.grpc.host}
     * @return the value as set and where it came from, or null when no source sets it or the
     *     environment is not a {@link ConfigurableEnvironment}
     */
    static @Nullable ConfiguredValue find(Environment environment, String name) {
        ConfigurationPropertyName propertyName = ConfigurationPropertyName.ofIfValid(name);
        if (propertyName == null || !(environment instanceof ConfigurableEnvironment)) {
            return null;
        }
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty property = source.getConfigurationProperty(propertyName);
            if (property != null) {
                return new ConfiguredValue(String.valueOf(property.getValue()),
                        property.getOrigin());
            }
        }
        return null;
    }

    /**
     * Returns the environment variable that an origin points at.
     *
     * @param origin the origin of a value, or null when unknown
     * @return the name of the variable, or null when the value did not come from one
     */
    static @Nullable String environmentVariable(@Nullable Origin origin) {
        if (origin instanceof SystemEnvironmentOrigin variable) {
            return variable.getProperty();
        }
        if (origin instanceof PropertySourceOrigin sourceOrigin) {
            if (sourceOrigin.getOrigin() != null) {
                return environmentVariable(sourceOrigin.getOrigin());
            }
            if (sourceOrigin.getPropertySource() instanceof SystemEnvironmentPropertySource) {
                return sourceOrigin.getPropertyName();
            }
        }
        return null;
    }

    /**
     * Describes an origin for a message, such as {@code environment variable CRUDJT_GRPC_HOST},
     * {@code the command line} or {@code class path resource [application.properties] - 3:18}.
     *
     * @param origin the origin of a value
     * @return the description
     */
    static String describe(Origin origin) {
        String variable = environmentVariable(origin);
        if (variable != null) {
            return "environment variable " + variable;
        }
        if (origin instanceof PropertySourceOrigin sourceOrigin) {
            if (sourceOrigin.getOrigin() != null) {
                return describe(sourceOrigin.getOrigin());
            }
            PropertySource<?> source = sourceOrigin.getPropertySource();
            return (source instanceof CommandLinePropertySource) ? "the command line"
                    : "property source '" + source.getName() + "'";
        }
        return origin.toString();
    }

    /**
     * A property's value as it was set, before conversion, and where it was set.
     *
     * @param value the value as text, such as {@code 500ms}
     * @param origin where the value came from, or null when the source does not say
     */
    record ConfiguredValue(String value, @Nullable Origin origin) {
    }
}
