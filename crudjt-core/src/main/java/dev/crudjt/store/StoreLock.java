package dev.crudjt.store;

import dev.crudjt.CrudJtError;
import dev.crudjt.CrudJtException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One master's exclusive hold on a store directory: an entry in this JVM's set of held
 * directories, and an OS lock on {@value #FILE_NAME} beside the store file.
 *
 * <p>The store file's own lock is not enough. On Linux a process loses every lock it holds on
 * a file as soon as it closes any descriptor of that file, so a second master started in the
 * same JVM, or a backup that copies the store file from inside it, would silently release it.
 * Nothing but this class opens the lock file, and a second master in this JVM is refused
 * before it opens any file of the store.
 */
final class StoreLock implements AutoCloseable {

    /** Name of the lock file in the store directory. */
    static final String FILE_NAME = "crudjt.lock";

    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path directory;

    private final FileChannel channel;

    private StoreLock(Path directory, FileChannel channel) {
        this.directory = directory;
        this.channel = channel;
    }

    /**
     * Takes the store directory for this master.
     *
     * @param directory the existing store directory
     * @param storeFile the store file, named in errors
     * @return the hold, to close when the store closes
     * @throws CrudJtException {@link CrudJtError#STORE_LOCKED} when another master, in this JVM
     *     or another process, holds the directory; {@link CrudJtError#STORE_UNAVAILABLE} when
     *     the lock file cannot be created or locked
     */
    static StoreLock acquire(Path directory, Path storeFile) {
        Path held = realPath(directory, storeFile);
        if (!HELD.add(held)) {
            throw locked(storeFile, "in this JVM");
        }
        Path lockFile = held.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            StoreFiles.createPrivateFile(lockFile);
            channel = FileChannel.open(lockFile, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw locked(storeFile, "in another process");
            }
            return new StoreLock(held, channel);
        }
        catch (IOException | OverlappingFileLockException | SecurityException ex) {
            closeQuietly(channel);
            HELD.remove(held);
            throw new CrudJtException(CrudJtError.STORE_UNAVAILABLE, "Cannot create the store at '"
                    + storeFile + "': its lock file '" + lockFile + "' cannot be locked (" + ex
                    + "); fix the permissions of the directory or set another store path", ex);
        }
        catch (RuntimeException ex) {
            closeQuietly(channel);
            HELD.remove(held);
            throw ex;
        }
    }

    /** Releases the lock and the directory; the lock file stays, for the next master. */
    @Override
    public void close() {
        closeQuietly(this.channel);
        HELD.remove(this.directory);
    }

    private static Path realPath(Path directory, Path storeFile) {
        try {
            return directory.toRealPath();
        }
        catch (IOException ex) {
            throw new CrudJtException(CrudJtError.STORE_UNAVAILABLE, "Cannot create the store at '"
                    + storeFile + "': its directory cannot be resolved (" + ex + "); fix the "
                    + "permissions of the directory or set another store path", ex);
        }
    }

    private static CrudJtException locked(Path storeFile, String where) {
        return new CrudJtException(CrudJtError.STORE_LOCKED, "Store '" + storeFile + "' is "
                + "already open in another master " + where + ": connect to that master as a "
                + "client (CrudJt.connectToMaster, or crudjt.mode=client) or set another store "
                + "path");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        }
        catch (IOException ex) {
            return;
        }
    }
}
