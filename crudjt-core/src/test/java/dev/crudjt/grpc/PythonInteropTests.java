package dev.crudjt.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtClient;
import dev.crudjt.CrudJtMaster;
import dev.crudjt.TokenRead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code src/test/python/interop_check.py} with Debian's Python 3 gRPC and msgpack
 * packages against a master, so that the wire format stays what the other CRUDJT SDKs speak.
 */
class PythonInteropTests {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private static final Path MODULE = Path.of(System.getProperty("basedir", "."))
            .toAbsolutePath();

    @TempDir
    Path directory;

    @TempDir
    Path work;

    @Test
    void pythonClientCreatesReadsUpdatesAndDeletesWithTypesIntact() throws Exception {
        requirePythonPackages();
        try (CrudJtMaster master = TestMasters.startMaster(this.directory);
                CrudJtClient client = CrudJt.connectToMaster(TestMasters.clientOptions(
                        master.grpcAddress().getPort()).build())) {
            String javaToken = client.create(javaData());

            ChildJvm script = ChildJvm.start("interop_check.py", List.of(PYTHON.toString(),
                    MODULE.resolve("src/test/python/interop_check.py").toString(),
                    "--port", String.valueOf(master.grpcAddress().getPort()),
                    "--proto-dir", MODULE.resolve("../proto/src/main/proto").normalize()
                            .toString(),
                    "--work-dir", this.work.toString(), "--java-token", javaToken));
            String pythonToken;
            int exit;
            try {
                pythonToken = script.awaitLine("PYTHON_TOKEN ", Duration.ofSeconds(60));
                script.awaitLine("INTEROP PASSED", Duration.ofSeconds(30));
                exit = script.stop(Duration.ofSeconds(30));
            }
            finally {
                script.close();
            }

            assertThat(exit).as(script.transcript()).isZero();
            assertThat(script.transcript()).doesNotContain("FAIL")
                    .contains("OK int, float, str, bool, None, nested list and map keep their "
                            + "types")
                    .contains("OK a deleted token reads as 0xC0, which msgpack gives as None")
                    .contains("OK a token created in Java reads the same");
            TokenRead fromPython = client.read(pythonToken);
            assertThat(fromPython).isNotNull();
            assertThat(fromPython.ttl()).isBetween(1L, 600L);
            assertThat(fromPython.data()).isEqualTo(pythonData());
            assertThat(fromPython.data().get("big")).isInstanceOf(Long.class);
            assertThat(fromPython.data().get("int")).isInstanceOf(Integer.class);
            assertThat(fromPython.data().get("float")).isInstanceOf(Double.class);
        }
    }

    private static void requirePythonPackages() throws IOException, InterruptedException {
        String missing = "needs Debian's python3-grpcio, python3-grpc-tools and python3-msgpack"
                + " for " + PYTHON + " (apt-get install -y python3-grpcio python3-grpc-tools "
                + "python3-msgpack; .ci/run installs them)";
        assertThat(Files.isExecutable(PYTHON)).as("%s is missing: the interop test %s", PYTHON,
                missing).isTrue();
        Process probe = new ProcessBuilder(PYTHON.toString(), "-c",
                "import grpc, grpc_tools.protoc, msgpack").redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes());
        assertThat(probe.waitFor()).as("Python packages are missing: the interop test %s; %s",
                missing, output).isZero();
    }

    private static Map<String, Object> javaData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", "java");
        data.put("n", 7);
        data.put("ratio", 0.5);
        data.put("ok", true);
        data.put("none", null);
        data.put("tags", List.of("a", "b"));
        return data;
    }

    private static Map<String, Object> pythonData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("int", 42);
        data.put("big", 1L << 40);
        data.put("negative", -7);
        data.put("float", 3.25);
        data.put("text", "héllo ✓");
        data.put("flag", true);
        data.put("off", false);
        data.put("nothing", null);
        data.put("list", Arrays.asList(1, "two", 3.5,
                Arrays.asList(false, null)));
        data.put("map", Map.of("k", "v", "inner", Map.of("deep", 1)));
        return data;
    }
}
