package dev.crudjt.sample.keyfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives the sample app a secret key with zero set-up: when no key is configured and the app
 * runs as master, it creates a random key file once inside the store directory (readable by the
 * owner only) and points {@code crudjt.secret-key-file} at it, so tokens survive restarts.
 *
 * <p>A configured {@code crudjt.secret-key}, {@code crudjt.secret-key-file} or
 * {@code CRUDJT_SECRET_KEY} always wins, and client mode never gets a key. When the key file is
 * missing but the directory holds a store file with tokens, no key is created, since a new one
 * could read none of them: the start fails with a {@link MissingKeyFileException}.
 *
 * @since 0.1.0
 */
public class SecretKeyFileEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** Name of the key file inside the store directory. */
    public static final String KEY_FILE_NAME = "secret.key";

    /** Name of the store file that CRUDJT keeps inside the store directory. */
    public static final String STORE_FILE_NAME = "crudjt.mv.db";

    private static final String PROPERTY_SOURCE = "crudjtSampleSecretKeyFile";

    private final Log log;

    /**
     * Creates the post-processor.
     *
     * @param logFactory gives a log whose output waits until logging is set up
     */
    public SecretKeyFileEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(SecretKeyFileEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment,
            SpringApplication application) {
        if (hasText(environment, "crudjt.secret-key") || hasText(environment, "CRUDJT_SECRET_KEY")
                || hasText(environment, "crudjt.secret-key-file")
                || "client".equalsIgnoreCase(environment.getProperty("crudjt.mode"))
                || "false".equalsIgnoreCase(environment.getProperty("crudjt.enabled"))) {
            return;
        }
        Path directory = Path.of(environment.getProperty("crudjt.store.path", "store_jt"));
        Path keyFile = directory.resolve(KEY_FILE_NAME).toAbsolutePath().normalize();
        Path storeFile = keyFile.resolveSibling(STORE_FILE_NAME);
        if (!Files.exists(keyFile) && holdsTokens(storeFile)) {
            throw new MissingKeyFileException(keyFile, storeFile);
        }
        if (createIfAbsent(keyFile)) {
            this.log.info("Created a new secret key file at '" + keyFile + "'; keep it with the"
                    + " store, or tokens cannot be read after a restart");
        }
        else {
            this.log.info("Using the secret key file at '" + keyFile + "'");
        }
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE,
                Map.of("crudjt.secret-key-file", keyFile.toString())));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /**
     * Creates a key file holding the Base64 of 48 random bytes, unless it exists.
     *
     * @param keyFile the file
     * @return true if the file was created, false if it already existed
     */
    static boolean createIfAbsent(Path keyFile) {
        if (Files.exists(keyFile)) {
            return false;
        }
        byte[] key = new byte[48];
        new SecureRandom().nextBytes(key);
        byte[] content = (Base64.getEncoder().encodeToString(key) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        try {
            Path directory = keyFile.getParent();
            boolean posix = keyFile.getFileSystem().supportedFileAttributeViews()
                    .contains("posix");
            if (!Files.isDirectory(directory)) {
                if (posix) {
                    Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                }
                else {
                    Files.createDirectories(directory);
                }
            }
            if (posix) {
                Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            }
            else {
                Files.createFile(keyFile);
            }
            Files.write(keyFile, content);
            return true;
        }
        catch (FileAlreadyExistsException ex) {
            return false;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot create the secret key file '" + keyFile
                    + "': set crudjt.secret-key-file or CRUDJT_SECRET_KEY instead", ex);
        }
    }

    private static boolean holdsTokens(Path storeFile) {
        try {
            return Files.isRegularFile(storeFile) && Files.size(storeFile) > 0;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the size of the store file '" + storeFile
                    + "'", ex);
        }
    }

    private static boolean hasText(ConfigurableEnvironment environment, String name) {
        String value = environment.getProperty(name);
        return value != null && !value.isBlank();
    }
}
