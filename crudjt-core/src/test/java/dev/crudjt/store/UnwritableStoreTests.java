package dev.crudjt.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtError;
import dev.crudjt.CrudJtException;
import dev.crudjt.CrudJtMaster;
import dev.crudjt.TestKeys;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts masters that cannot write their store: as the unprivileged user {@code nobody} in a
 * child JVM (root ignores permission bits), and on a read-only tmpfs. Start-up must fail with
 * STORE_UNAVAILABLE naming the path, and nothing may be created or overwritten.
 */
class UnwritableStoreTests {

    private static Path base;

    private static String classPath;

    @TempDir
    Path directory;

    private final String key = TestKeys.randomKey(32);

    @BeforeAll
    static void copyClassPathForNobody() throws IOException, InterruptedException {
        Process probe = new ProcessBuilder("setpriv", "--reuid=nobody", "--regid=nogroup",
                "--clear-groups", "true").redirectErrorStream(true).start();
        boolean exited = probe.waitFor(30, TimeUnit.SECONDS);
        probe.destroyForcibly();
        Assumptions.assumeTrue(exited && probe.exitValue() == 0, "setpriv cannot switch to "
                + "the user nobody here, so permissions cannot be tested for real as root");
        base = Files.createTempDirectory("crudjt-unwritable");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> entries = new ArrayList<>();
        int index = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path target = base.resolve("cp").resolve((index++) + "-" + source.getFileName());
            copy(source, target);
            entries.add(target.toString());
        }
        Files.createDirectories(base.resolve("cp"));
        makeReadable(base.resolve("cp"));
        classPath = String.join(File.pathSeparator, entries);
    }

    @AfterAll
    static void deleteCopies() throws IOException {
        if (base != null) {
            try (Stream<Path> paths = Files.walk(base)) {
                paths.sorted((a, b) -> b.compareTo(a)).forEach((path) -> path.toFile().delete());
            }
        }
    }

    @Test
    void directoryNobodyCannotWriteFailsNamingItAndStaysEmpty() throws Exception {
        Path store = Files.createDirectory(base.resolve("root-owned-" + System.nanoTime()));
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rwxr-xr-x"));

        String output = runAsNobody(store);

        assertThat(output).startsWith("FAILED STORE_UNAVAILABLE Store directory '" + store
                + "' is not writable");
        try (Stream<Path> files = Files.list(store)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void storeInADirectoryNobodyCannotWriteIsLeftUntouched() throws Exception {
        Path store = Files.createDirectory(base.resolve("existing-" + System.nanoTime()));
        try (CrudJtMaster master = CrudJt.startMaster(TestKeys.options(store, this.key).build())) {
            master.create(Map.of("kept", true));
        }
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = store.resolve(TokenStore.FILE_NAME);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        String before = digest(file);

        String output = runAsNobody(store);

        assertThat(output).startsWith("FAILED STORE_UNAVAILABLE Store directory '" + store
                + "' is not writable");
        assertThat(digest(file)).isEqualTo(before);
    }

    @Test
    void missingDirectoryUnderOneNobodyCannotWriteFailsNamingThePath() throws Exception {
        Path parent = Files.createDirectory(base.resolve("parent-" + System.nanoTime()));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path store = parent.resolve("missing").resolve("store");

        String output = runAsNobody(store);

        assertThat(output).startsWith("FAILED STORE_UNAVAILABLE Cannot create the store at '"
                + store.resolve(TokenStore.FILE_NAME) + "'");
        assertThat(Files.exists(parent.resolve("missing"))).isFalse();
    }

    @Test
    void fileThatIsNotAStoreFailsForAnUnprivilegedMasterAndIsNotOverwritten() throws Exception {
        Path store = Files.createDirectory(base.resolve("junk-" + System.nanoTime()));
        Path file = store.resolve(TokenStore.FILE_NAME);
        Files.write(file, "not a store, keep me\n".repeat(300).getBytes(StandardCharsets.UTF_8));
        chown(store, "nobody:nogroup");
        String before = digest(file);

        String output = runAsNobody(store);

        assertThat(output).startsWith("FAILED STORE_UNAVAILABLE Cannot open the store file '"
                + file + "'").contains("if it is not a CRUDJT store, move it away");
        assertThat(digest(file)).isEqualTo(before);
    }

    @Test
    void storeOnAReadOnlyFileSystemFailsEvenForRootAndIsLeftUntouched() throws Exception {
        Path mountPoint = Files.createDirectory(this.directory.resolve("ro"));
        try (TmpfsMount mount = TmpfsMount.mount(mountPoint, 4096)) {
            Path store = mountPoint.resolve("store");
            try (CrudJtMaster master = CrudJt.startMaster(TestKeys.options(store, this.key)
                    .build())) {
                master.create(Map.of("kept", true));
            }
            Path file = store.resolve(TokenStore.FILE_NAME);
            String before = digest(file);
            mount.remountReadOnly();

            CrudJtException ex = catchThrowableOfType(CrudJtException.class,
                    () -> CrudJt.startMaster(TestKeys.options(store, this.key).build()));

            assertThat(ex.error()).isEqualTo(CrudJtError.STORE_UNAVAILABLE);
            assertThat(ex.getMessage()).startsWith("Store directory '" + store
                    + "' is not writable");
            assertThat(digest(file)).isEqualTo(before);
            mount.remountReadWrite();
        }
    }

    private String runAsNobody(Path store) throws IOException, InterruptedException {
        List<String> command = List.of("setpriv", "--reuid=nobody", "--regid=nogroup",
                "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                StoreChildMain.class.getName(), store.toString(), this.key, "hold");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(base.toFile()).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the unprivileged master neither failed nor exited "
                        + "within 60 s");
            }
            String output = new String(process.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8);
            return output.lines().filter((line) -> line.startsWith("FAILED ")
                    || line.startsWith("READY") || line.contains("Exception")).findFirst()
                    .orElse(output);
        }
        finally {
            process.destroyForcibly();
        }
    }

    private static void copy(Path source, Path target) throws IOException {
        if (Files.isDirectory(source)) {
            try (Stream<Path> paths = Files.walk(source)) {
                for (Path path : (Iterable<Path>) paths::iterator) {
                    Path to = target.resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(to);
                    }
                    else {
                        Files.copy(path, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        else {
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void makeReadable(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static void chown(Path path, String owner) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("chown", "-R", owner, path.toString()).start();
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
        }
        finally {
            process.destroyForcibly();
        }
    }

    private static String digest(Path file) throws IOException {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            StringBuilder text = new StringBuilder();
            for (byte b : hash) {
                text.append(String.format("%02x", b));
            }
            return text.toString();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
