package dev.crudjt.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the packaged app twice, as master and as client, and follows the README walkthrough
 * over HTTP, including a restart of the master.
 */
class SampleAppEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path directory;

    @Test
    void masterAndClientShareSessionsAcrossARestart() throws Exception {
        int grpcPort = freePort();
        Path store = this.directory.resolve("store");
        String[] masterArgs = {"--crudjt.store.path=" + store, "--crudjt.grpc.port=" + grpcPort};
        AppProcess master = AppProcess.start(this.directory, "master", freePort(), masterArgs);
        try (AppProcess client = AppProcess.start(this.directory, "client", freePort(),
                "--crudjt.mode=client", "--crudjt.grpc.port=" + grpcPort)) {
            master.awaitHealthy(this.http);
            client.awaitHealthy(this.http);

            HttpResponse<String> wrong = post(master, "/api/login",
                    "{\"username\":\"alice\",\"password\":\"nope\"}", null);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(json(wrong).get("error").asText()).isEqualTo("invalid_credentials");
            String alice = login(master, "alice", "alice-pass");
            String bob = login(client, "bob", "bob-pass");

            JsonNode me = json(get(client, "/api/me", alice));
            assertThat(me.get("username").asText()).isEqualTo("alice");
            assertThat(me.get("role").asText()).isEqualTo("admin");
            assertThat(me.get("ttl").asLong()).isBetween(2_591_000L, 2_592_000L);
            assertUnauthorized(get(client, "/api/me", null), "unauthorized");
            assertUnauthorized(get(client, "/api/me", "AAAAAAAAAAAAAAAAAAAAAA"), "invalid_token");
            assertUnauthorized(get(master, "/api/me", "not a token"), "invalid_token");

            HttpResponse<String> badJson = post(master, "/api/login", "{\"username\":", null);
            assertThat(badJson.statusCode()).isEqualTo(400);
            assertThat(badJson.body()).contains("bad_request").doesNotContain("Exception");
            HttpResponse<String> missing = post(master, "/api/login", "{\"username\":\"a\"}",
                    null);
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(json(missing).get("message").asText()).contains("'password'");

            assertThat(put(client, "/api/me/role", "{\"role\":\"user\"}", bob).statusCode())
                    .isEqualTo(403);
            HttpResponse<String> changed = put(client, "/api/me/role", "{\"role\":\"user\"}",
                    alice);
            assertThat(changed.statusCode()).isEqualTo(200);
            JsonNode afterChange = json(get(master, "/api/me", alice));
            assertThat(afterChange.get("role").asText()).isEqualTo("user");
            assertThat(afterChange.get("ttl").asLong()).isBetween(2_590_000L, 2_592_000L);

            HttpResponse<String> link = post(master, "/api/one-time-links",
                    "{\"note\":\"hello\"}", bob);
            assertThat(link.statusCode()).isEqualTo(201);
            String path = json(link).get("path").asText();
            HttpResponse<String> firstUse = get(client, path, bob);
            assertThat(firstUse.statusCode()).isEqualTo(200);
            assertThat(json(firstUse).get("note").asText()).isEqualTo("hello");
            assertThat(get(master, path, bob).statusCode()).isEqualTo(404);
            assertThat(get(client, path, bob).statusCode()).isEqualTo(404);

            master.stop();
            HttpResponse<String> whileDown = get(client, "/api/me", alice);
            assertThat(whileDown.statusCode()).isEqualTo(503);
            master = AppProcess.start(this.directory, "master-restarted", freePort(),
                    masterArgs);
            master.awaitHealthy(this.http);
            assertThat(json(get(master, "/api/me", alice)).get("username").asText())
                    .isEqualTo("alice");
            assertThat(awaitStatus(client, "/api/me", alice, 200, 10)).isEqualTo(200);

            assertThat(post(client, "/api/logout", "", alice).statusCode()).isEqualTo(204);
            assertUnauthorized(get(master, "/api/me", alice), "invalid_token");
            assertUnauthorized(get(client, "/api/me", alice), "invalid_token");
            assertThat(get(master, "/api/me", bob).statusCode()).isEqualTo(200);

            Path keyFile = store.resolve("secret.key");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                    .isEqualTo("rw-------");
            String key = Files.readString(keyFile).strip();
            for (String log : new String[] {master.log(), client.log()}) {
                assertThat(log).doesNotContain(alice).doesNotContain(bob).doesNotContain(key)
                        .doesNotContain("alice-pass");
            }
        }
        finally {
            master.close();
        }
    }

    private String login(AppProcess app, String user, String password) throws Exception {
        HttpResponse<String> response = post(app, "/api/login",
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String token = json(response).get("token").asText();
        assertThat(token).matches("[A-Za-z0-9_-]{22}");
        return token;
    }

    private int awaitStatus(AppProcess app, String path, String token, int status, int seconds)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = get(app, path, token).statusCode();
            if (last == status) {
                return last;
            }
            Thread.sleep(100);
        }
        return last;
    }

    private static void assertUnauthorized(HttpResponse<String> response, String error)
            throws IOException {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).get()
                .asString().startsWith("Bearer");
        assertThat(json(response).get("error").asText()).isEqualTo(error);
    }

    private HttpResponse<String> get(AppProcess app, String path, String token)
            throws Exception {
        return send(request(app, path, token).GET());
    }

    private HttpResponse<String> post(AppProcess app, String path, String body, String token)
            throws Exception {
        return send(request(app, path, token).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> put(AppProcess app, String path, String body, String token)
            throws Exception {
        return send(request(app, path, token).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpRequest.Builder request(AppProcess app, String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(app.url(path)))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
        return this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
