package dev.crudjt.spring.autoconfigure;

import dev.crudjt.crypto.SecretKeys;
import dev.crudjt.spring.autoconfigure.CrudJtKeyException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Finds the secret key of a master in {@code crudjt.secret-key}, then in the environment
 * variable {@code CRUDJT_SECRET_KEY}, or in the file named by {@code crudjt.secret-key-file}.
 *
 * <p>Relaxed binding maps {@code CRUDJT_SECRETKEY} to {@code crudjt.secret-key} but not
 * {@code CRUDJT_SECRET_KEY}, so the latter is read from the {@link Environment} by its exact
 * name. A blank value counts as unset everywhere.
 */
final class SecretKeyResolver {

    static final String KEY_PROPERTY = "crudjt.secret-key";

    static final String FILE_PROPERTY = "crudjt.secret-key-file";

    static final String ENVIRONMENT_VARIABLE = "CRUDJT_SECRET_KEY";

    private final @Nullable String inlineKey;

    private final @Nullable String inlineSource;

    private final @Nullable Path keyFile;

    SecretKeyResolver(CrudJtProperties properties, Environment environment) {
        String fromProperty = properties.getSecretKey();
        String fromVariable = environment.getProperty(ENVIRONMENT_VARIABLE);
        if (StringUtils.hasText(fromProperty)) {
            this.inlineKey = fromProperty;
            this.inlineSource = KEY_PROPERTY;
        }
        else if (StringUtils.hasText(fromVariable)) {
            this.inlineKey = fromVariable;
            this.inlineSource = ENVIRONMENT_VARIABLE;
        }
        else {
            this.inlineKey = null;
            this.inlineSource = null;
        }
        this.keyFile = properties.getSecretKeyFile();
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
     * @return the configured sources, such as {@code 'crudjt.secret-key'}
     */
    String describeSources() {
        if (this.inlineSource != null && this.keyFile != null) {
            return "'" + this.inlineSource + "' and '" + FILE_PROPERTY + "'";
        }
        return "'" + ((this.inlineSource != null) ? this.inlineSource : FILE_PROPERTY) + "'";
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
            throw new CrudJtKeyException(Reason.CONFLICT, this.inlineSource, "Both '"
                    + this.inlineSource + "' and '" + FILE_PROPERTY + "' set a secret key", null);
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
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException | SecurityException ex) {
            throw new CrudJtKeyException(Reason.UNREADABLE, FILE_PROPERTY + " (" + file + ")",
                    "Cannot read the secret key file '" + file + "': " + ex, ex);
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
