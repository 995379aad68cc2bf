package dev.crudjt.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newest store version known to be on disk, kept in {@value #FILE_NAME} beside the store
 * file, so that a store file that went back to an older state is noticed when it opens.
 *
 * <p>MVStore opens a file at its newest complete commit. If the newest commits were damaged, or
 * the file was replaced by an older copy, that is an older state in which tokens deleted since
 * are live again. The mark is written after each commit is fsynced, without an fsync of its own:
 * after a crash it may be older than the file, never newer.
 */
final class StoreVersionMark implements AutoCloseable {

    /** Name of the mark file in the store directory. */
    static final String FILE_NAME = "crudjt.version";

    private static final Logger log = LoggerFactory.getLogger(StoreVersionMark.class);

    private final Path file;

    private final FileChannel channel;

    private final ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES);

    private boolean failed;

    private StoreVersionMark(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Opens the mark of a store directory, creating it when absent.
     *
     * @param directory the store directory
     * @return the mark
     * @throws IOException when it cannot be created or opened
     */
    static StoreVersionMark open(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        StoreFiles.createPrivateFile(file);
        return new StoreVersionMark(file, FileChannel.open(file, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * Returns the version last marked, or -1 when none was.
     *
     * @return the version
     * @throws IOException when the mark cannot be read
     */
    long marked() throws IOException {
        ByteBuffer read = ByteBuffer.allocate(Long.BYTES);
        while (read.hasRemaining() && this.channel.read(read, read.position()) > 0) {
            continue;
        }
        return read.hasRemaining() ? -1 : read.flip().getLong();
    }

    /**
     * Marks a version as on disk, with the interrupt flag cleared, because an interrupt during
     * the write would close the channel. A failure is logged once and otherwise ignored: it only
     * weakens the check at the next start.
     *
     * @param version the store version after a commit was fsynced
     */
    void mark(long version) {
        this.buffer.clear();
        this.buffer.putLong(version).flip();
        boolean interrupted = Thread.interrupted();
        try {
            while (this.buffer.hasRemaining()) {
                this.channel.write(this.buffer, this.buffer.position());
            }
        }
        catch (IOException ex) {
            if (!this.failed) {
                this.failed = true;
                log.warn("Cannot update '{}' ({}); a rollback of the store file to an older "
                        + "state may go unnoticed at the next start", this.file, ex.toString());
            }
        }
        finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        StoreFiles.closeQuietly(this.channel);
    }
}
