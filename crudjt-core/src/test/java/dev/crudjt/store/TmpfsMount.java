package dev.crudjt.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs that a test mounts over a directory of its own and unmounts when closed, to run
 * a store on a file system that fills up or turns read-only. Needs root and a kernel that lets
 * this process mount; when it cannot mount, the test is skipped with the reason.
 */
final class TmpfsMount implements AutoCloseable {

    private final Path directory;

    private TmpfsMount(Path directory) {
        this.directory = directory;
    }

    /**
     * Mounts a tmpfs of the given size over an empty directory, or skips the test.
     *
     * @param directory an empty directory the test owns
     * @param sizeKib the size of the file system in KiB
     * @return the mount, to close in a finally block or try-with-resources
     */
    static TmpfsMount mount(Path directory, int sizeKib) throws IOException, InterruptedException {
        Result result = run("mount", "-t", "tmpfs", "-o", "size=" + sizeKib + "k,mode=0755",
                "tmpfs", directory.toString());
        Assumptions.assumeTrue(result.exitCode() == 0, () -> "cannot mount a tmpfs here, so "
                + "the file-system fault cannot be made real: " + result.output());
        return new TmpfsMount(directory);
    }

    /** Remounts the file system read-only, which even root cannot write. */
    void remountReadOnly() throws IOException, InterruptedException {
        Result result = run("mount", "-o", "remount,ro", this.directory.toString());
        if (result.exitCode() != 0) {
            throw new IllegalStateException("remount read-only failed: " + result.output());
        }
    }

    /** Remounts the file system read-write. */
    void remountReadWrite() throws IOException, InterruptedException {
        Result result = run("mount", "-o", "remount,rw", this.directory.toString());
        if (result.exitCode() != 0) {
            throw new IllegalStateException("remount read-write failed: " + result.output());
        }
    }

    /**
     * Fills the file system with one file until a write fails for lack of space.
     *
     * @param filler the file to create
     * @return the number of bytes written
     */
    static long fill(Path filler) throws IOException {
        byte[] block = new byte[4096];
        long written = 0;
        try (var out = Files.newOutputStream(filler)) {
            while (written < 1L << 30) {
                out.write(block);
                written += block.length;
            }
        }
        catch (IOException ex) {
            return written;
        }
        throw new IllegalStateException("the file system never filled up");
    }

    /** Unmounts, retrying while files are still open, and lazily as a last resort. */
    @Override
    public void close() throws IOException {
        try {
            Result result = run("umount", this.directory.toString());
            for (int i = 0; i < 20 && result.exitCode() != 0; i++) {
                Thread.sleep(250);
                result = run("umount", this.directory.toString());
            }
            if (result.exitCode() != 0) {
                run("umount", "-l", this.directory.toString());
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while unmounting " + this.directory, ex);
        }
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                return new Result(-1, "timed out: " + String.join(" ", command));
            }
            String output = new String(process.getInputStream().readAllBytes()).trim();
            return new Result(process.exitValue(), output);
        }
        finally {
            process.destroyForcibly();
        }
    }

    private record Result(int exitCode, String output) {
    }
}
