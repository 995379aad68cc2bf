package dev.crudjt.store;

import dev.crudjt.CrudJtError;
import dev.crudjt.CrudJtException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One master's exclusive hold on a store directory: an entry in this JVM's set of held
 * directories, and an OS lock on {@value #FILE_NAME} beside the store file.
 *
 * <p>The store file's own lock is not enough. On Linux a process loses every lock it holds on
 * a file as soon as it closes any descriptor of that file, so a second master started in the
 * same JVM, or a backup that copies the store file from inside it, would silently release it.
 * Nothing but this class opens the lock file, and a second master in this JVM is refused
 * before it opens any file of the store. Directories and store files are told apart by their
 * file key (device and inode where the OS has them), so that a bind mount of the directory or a
 * hard link to the store file is recognised as the same store.
 */
final class StoreLock implements AutoCloseable {

    /** Name of the lock file in the store directory. */
    static final String FILE_NAME = "crudjt.lock";

    private static final Set<Object> HELD = ConcurrentHashMap.newKeySet();

    private final List<Object> held = new ArrayList<>();

    private final Path storeFile;

    private @Nullable FileChannel channel;

    private StoreLock(Path storeFile) {
        this.storeFile = storeFile;
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
        StoreLock storeLock = new StoreLock(storeFile);
        try {
            storeLock.claim(directory);
            if (Files.exists(storeFile, LinkOption.NOFOLLOW_LINKS)) {
                storeLock.claim(storeFile);
            }
            storeLock.lock(directory.resolve(FILE_NAME));
            return storeLock;
        }
        catch (RuntimeException ex) {
            storeLock.close();
            throw ex;
        }
    }

    /**
     * Claims a store file created after {@link #acquire}, before it is opened.
     *
     * @throws CrudJtException {@link CrudJtError#STORE_LOCKED} when a master in this JVM holds
     *     the same file under another name
     */
    void claimStoreFile() {
        claim(this.storeFile);
    }

    /** Releases the lock and the claims; the lock file stays, for the next master. */
    @Override
    public void close() {
        if (this.channel != null) {
            StoreFiles.closeQuietly(this.channel);
        }
        this.held.forEach(HELD::remove);
        this.held.clear();
    }

    private void claim(Path path) {
        Object key = fileKey(path);
        if (this.held.contains(key)) {
            return;
        }
        if (!HELD.add(key)) {
            throw locked(this.storeFile, "in this JVM");
        }
        this.held.add(key);
    }

    private void lock(Path lockFile) {
        FileChannel opened = null;
        try {
            StoreFiles.createPrivateFile(lockFile);
            opened = FileChannel.open(lockFile, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            FileLock lock = opened.tryLock();
            if (lock == null) {
                throw locked(this.storeFile, "in another process");
            }
            this.channel = opened;
        }
        catch (OverlappingFileLockException ex) {
            StoreFiles.closeQuietly(opened);
            throw locked(this.storeFile, "in this JVM");
        }
        catch (IOException | SecurityException ex) {
            StoreFiles.closeQuietly(opened);
            throw new CrudJtException(CrudJtError.STORE_UNAVAILABLE, "Cannot create the store at '"
                    + this.storeFile + "': its lock file '" + lockFile + "' cannot be locked ("
                    + ex + "); fix the permissions of the directory or set another store path",
                    ex);
        }
        catch (RuntimeException ex) {
            StoreFiles.closeQuietly(opened);
            throw ex;
        }
    }

    /** Returns what identifies a file whatever its name: device and inode, or the real path. */
    private Object fileKey(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path,
                    BasicFileAttributes.class);
            Object key = attributes.fileKey();
            return (key != null) ? key : path.toRealPath();
        }
        catch (IOException ex) {
            throw new CrudJtException(CrudJtError.STORE_UNAVAILABLE, "Cannot create the store at '"
                    + this.storeFile + "': '" + path + "' cannot be read (" + ex + "); fix the "
                    + "permissions of the directory or set another store path", ex);
        }
    }

    private static CrudJtException locked(Path storeFile, String where) {
        return new CrudJtException(CrudJtError.STORE_LOCKED, "Store '" + storeFile + "' is "
                + "already open in another master " + where + ": connect to that master as a "
                + "client (CrudJt.connectToMaster, or crudjt.mode=client) or set another store "
                + "path");
    }
}
