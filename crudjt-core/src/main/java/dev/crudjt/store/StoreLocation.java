package dev.crudjt.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Finds the store directory. Internal API: not supported for use outside CRUDJT.
 *
 * <p>The lookup order is: the explicit path; else the system location when it exists or can be
 * created, and is writable (Linux {@code /var/lib/store_jt}, macOS
 * {@code /usr/local/var/store_jt}, Windows {@code C:\Program Files\store_jt}); else
 * {@code store_jt} in the working directory.
 *
 * @since 0.1.0
 */
public final class StoreLocation {

    /** Name of the directory used in the working directory when nothing else fits. */
    public static final String FALLBACK_NAME = "store_jt";

    private StoreLocation() {
    }

    /**
     * Resolves the store directory for this operating system and working directory.
     *
     * @param explicit the configured directory, or null
     * @return the absolute, normalised store directory
     */
    public static Path resolve(@Nullable Path explicit) {
        return resolve(explicit, systemDirectory(System.getProperty("os.name", "")),
                Path.of(FALLBACK_NAME));
    }

    /**
     * Resolves the store directory from explicit candidates.
     *
     * @param explicit the configured directory, or null
     * @param system the system location for this OS, or null when it has none
     * @param fallback the directory to use when neither of the others fits
     * @return the absolute, normalised store directory
     */
    public static Path resolve(@Nullable Path explicit, @Nullable Path system, Path fallback) {
        if (explicit != null) {
            return explicit.toAbsolutePath().normalize();
        }
        if (system != null && isUsable(system)) {
            return system.toAbsolutePath().normalize();
        }
        return fallback.toAbsolutePath().normalize();
    }

    /**
     * Returns the system store location of an operating system.
     *
     * @param osName the value of the {@code os.name} system property
     * @return the system location, or null for an unknown OS
     */
    public static @Nullable Path systemDirectory(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return Path.of("C:\\Program Files\\store_jt");
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return Path.of("/usr/local/var/store_jt");
        }
        if (os.contains("linux")) {
            return Path.of("/var/lib/store_jt");
        }
        return null;
    }

    private static boolean isUsable(Path directory) {
        if (Files.isDirectory(directory)) {
            return Files.isWritable(directory);
        }
        try {
            StoreFiles.createPrivateDirectory(directory);
            return Files.isWritable(directory);
        }
        catch (IOException | SecurityException ex) {
            return false;
        }
    }
}
