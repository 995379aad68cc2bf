package dev.crudjt.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Creates store directories and files readable by their owner only, where the OS allows. */
final class StoreFiles {

    private static final Set<PosixFilePermission> DIRECTORY =
            PosixFilePermissions.fromString("rwx------");

    private static final Set<PosixFilePermission> FILE =
            PosixFilePermissions.fromString("rw-------");

    private StoreFiles() {
    }

    static void createPrivateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (isPosix(directory)) {
                Files.createDirectory(directory, attribute(DIRECTORY));
            }
            else {
                Files.createDirectory(directory);
            }
        }
        catch (FileAlreadyExistsException ex) {
            if (!Files.isDirectory(directory)) {
                throw ex;
            }
        }
    }

    /**
     * Creates a file readable by its owner only, or leaves an existing one as it is, so that a
     * file that turns out not to be a store is not changed; call {@link #restrictFile} once it
     * was opened. A symbolic link is refused, so that the store never writes where the link
     * points.
     */
    static void createPrivateFile(Path file) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IOException("'" + file + "' is a symbolic link; the store keeps only "
                    + "regular files in its directory, so replace the link with the file itself");
        }
        if (Files.exists(file)) {
            return;
        }
        try {
            if (isPosix(file)) {
                Files.createFile(file, attribute(FILE));
            }
            else {
                Files.createFile(file);
            }
        }
        catch (FileAlreadyExistsException ex) {
            return;
        }
    }

    /** Makes an existing store file readable by its owner only, where the OS allows. */
    static void restrictFile(Path file) throws IOException {
        restrict(file, FILE);
    }

    /** Closes a file channel or stream, if any, ignoring a failure to close it. */
    static void closeQuietly(@Nullable Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        }
        catch (IOException ex) {
            return;
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions)
            throws IOException {
        if (isPosix(path) && Files.isWritable(path)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(
            Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
