package dev.crudjt.spring.autoconfigure;

import dev.crudjt.crypto.SecretKeys;
import dev.crudjt.spring.autoconfigure.CrudJtKeyException.Reason;
import dev.crudjt.spring.autoconfigure.PropertyOrigins.ConfiguredValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.StringUtils;

/**
 * Finds the secret key of a master in {@code crudjt.secret-key}, then in the environment
 * variable {@code CRUDJT_SECRET_KEY}, or in the file named by {@code crudjt.secret-key-file}.
 *
 * <p>Relaxed binding maps {@code CRUDJT_SECRETKEY} to {@code crudjt.secret-key} but not
 * {@code CRUDJT_SECRET_KEY}, so the latter is read from the {@link Environment} by its exact
 * name. A blank value counts as unset everywhere.
 *
 * <p>Spring's system environment source does map {@code CRUDJT_SECRET_KEY} to
 * {@code crudjt.secret-key}, so a key bound to that property may still come from the variable.
 * Messages therefore name the source from the key's origin: {@code CRUDJT_SECRET_KEY
 * (environment)} for an environment variable, otherwise the property name.
 */
final class SecretKeyResolver {

    static final String KEY_PROPERTY = "crudjt.secret-key";

    static final String FILE_PROPERTY = "crudjt.secret-key-file";

    static final String ENVIRONMENT_VARIABLE = "CRUDJT_SECRET_KEY";

    /** Follows the name of an environment variable that holds a key, in messages. */
    static final String ENVIRONMENT_SUFFIX = " (environment)";

    private final @Nullable String inlineKey;

    private final @Nullable String inlineSource;

    private final @Nullable Path keyFile;

    SecretKeyResolver(CrudJtProperties properties, Environment environment) {
        String fromProperty = properties.getSecretKey();
        String fromVariable = environment.getProperty(ENVIRONMENT_VARIABLE);
        if (StringUtils.hasText(fromProperty)) {
            this.inlineKey = fromProperty;
            this.inlineSource = sourceOfProperty(environment, fromProperty);
        }
        else if (StringUtils.hasText(fromVariable)) {
            this.inlineKey = fromVariable;
            this.inlineSource = sourceOfVariable(environment);
        }
        else {
            this.inlineKey = null;
            this.inlineSource = null;
        }
        this.keyFile = properties.getSecretKeyFile();
    }

    private static String sourceOfProperty(Environment environment, String key) {
        ConfiguredValue configured = PropertyOrigins.find(environment, KEY_PROPERTY);
        if (configured == null || !configured.value().equals(key)) {
            return KEY_PROPERTY;
        }
        String variable = PropertyOrigins.environmentVariable(configured.origin());
        return (variable != null) ? variable + ENVIRONMENT_SUFFIX : KEY_PROPERTY;
    }

    private static String sourceOfVariable(Environment environment) {
        if (environment instanceof ConfigurableEnvironment configurable) {
            for (PropertySource<?> source : configurable.getPropertySources()) {
                if (source.containsProperty(ENVIRONMENT_VARIABLE)
                        && !ConfigurationPropertySources.isAttachedConfigurationPropertySource(
                                source)) {
                    return (source instanceof SystemEnvironmentPropertySource)
                            ? ENVIRONMENT_VARIABLE + ENVIRONMENT_SUFFIX : ENVIRONMENT_VARIABLE;
                }
            }
        }
        return ENVIRONMENT_VARIABLE;
    }

    /**
     * Quotes a source for a message: the name is quoted, a trailing {@code (environment)} is
     * not.
     *
     * @param source a source as {@link CrudJtKeyException#getSource()} gives it
     * @return the quoted source, such as {@code 'CRUDJT_SECRET_KEY' (environment)}
     */
    static String quote(String source) {
        if (source.endsWith(ENVIRONMENT_SUFFIX)) {
            String name = source.substring(0, source.length() - ENVIRONMENT_SUFFIX.length());
            return "'" + name + "'" + ENVIRONMENT_SUFFIX;
        }
        return "'" + source + "'";
    }

    /**
     * Returns whether a key is configured anywhere, without reading or checking it.
     *
     * @return true when a key or a key file is set
     */
    boolean isConfigured() {
        return this.inlineKey != null || this.keyFile != null;
    }

    /**
     * Describes where keys are configured, for messages; never shows a key.
     *
     * @return the configured sources, such as {@code 'crudjt.secret-key'} or
     *     {@code 'CRUDJT_SECRET_KEY' (environment)}
     */
    String describeSources() {
        if (this.inlineSource != null && this.keyFile != null) {
            return quote(this.inlineSource) + " and '" + FILE_PROPERTY + "'";
        }
        return quote((this.inlineSource != null) ? this.inlineSource : FILE_PROPERTY);
    }

    /**
     * Returns the one configured key after checking it.
     *
     * @return the key with surrounding whitespace removed
     * @throws CrudJtKeyException when no key, two keys, an unreadable file or an invalid key is
     *     found
     */
    String resolve() {
        if (this.inlineKey != null && this.keyFile != null) {
            throw new CrudJtKeyException(Reason.CONFLICT, this.inlineSource, "Both "
                    + quote(this.inlineSource) + " and '" + FILE_PROPERTY + "' set a secret key",
                    null);
        }
        if (this.inlineKey != null) {
            return check(this.inlineKey, this.inlineSource);
        }
        if (this.keyFile != null) {
            return check(read(this.keyFile), FILE_PROPERTY + " (" + this.keyFile + ")");
        }
        throw new CrudJtKeyException(Reason.MISSING, null, "No secret key is configured", null);
    }

    private static String read(Path file) {
        if (looksLikeKey(file) && !Files.exists(file)) {
            throw new CrudJtKeyException(Reason.UNREADABLE, FILE_PROPERTY, "'" + FILE_PROPERTY
                    + "' holds what looks like a secret key (not shown) instead of the path of a "
                    + "file; set the key as 'crudjt.secret-key' or CRUDJT_SECRET_KEY, or write "
                    + "it to a file and name that file in '" + FILE_PROPERTY + "'", null);
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException | SecurityException ex) {
            throw new CrudJtKeyException(Reason.UNREADABLE, FILE_PROPERTY + " (" + file + ")",
                    "Cannot read the secret key file '" + file + "': " + ex, ex);
        }
    }

    /** Tells whether a key-file setting is itself a valid secret key, put there by mistake. */
    private static boolean looksLikeKey(Path file) {
        try {
            SecretKeys.decode(file.toString());
            return true;
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

    private static String check(String key, @Nullable String source) {
        try {
            SecretKeys.decode(key);
        }
        catch (IllegalArgumentException ex) {
            throw new CrudJtKeyException(Reason.INVALID, source, "The secret key from " + source
                    + " is not valid: " + ex.getMessage(), null);
        }
        return key.strip();
    }
}
