package dev.crudjt.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.crudjt.crypto.RecordCipher;
import dev.crudjt.json.JsonCodec;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Figure 4: Redis in the same run, as a session store is usually built on it. Create is
 * {@code SET key json EX ttl} on a new random 22-character key made as CRUDJT makes its tokens,
 * read is {@code GET} and parsing the JSON back into a map, update is {@code SET key json EX
 * ttl XX}, and delete is {@code DEL}. Data is serialised with Jackson on every call, as CRUDJT's
 * client serialises it to MessagePack. Driven by Lettuce over one shared connection with 1, 8
 * and 50 threads, each with one blocking call in flight.
 */
final class RedisBenchmark {

    private static final String[] NAMES = {"set", "get", "update", "del"};

    private final Settings settings;

    private final Progress progress;

    private final Results results;

    RedisBenchmark(Settings settings, Progress progress, Results results) {
        this.settings = settings;
        this.progress = progress;
        this.results = results;
    }

    /**
     * Starts redis-server, measures, and stops it; records why when it is not installed.
     *
     * @throws IOException when the server cannot be started
     * @throws InterruptedException when interrupted
     */
    void run() throws IOException, InterruptedException {
        Path executable = RedisServer.findExecutable();
        if (executable == null) {
            String reason = "redis-server was not found on the PATH (on Debian: apt-get install "
                    + "redis-server), so no Redis figure was measured in this run";
            this.results.unavailable("redis", reason);
            this.progress.say("redis", "%s", reason);
            return;
        }
        String version = RedisServer.version(executable);
        Path directory = Cleanup.tempDirectory("redis");
        try (RedisServer server = RedisServer.start(executable, directory)) {
            this.progress.say("redis", "%s serving on 127.0.0.1:%d", version, server.port());
            RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1")
                    .withPort(server.port()).withTimeout(Duration.ofSeconds(10)).build());
            try (StatefulRedisConnection<byte[], byte[]> connection =
                    client.connect(ByteArrayCodec.INSTANCE)) {
                ServerRounds.measure(new RedisTarget(connection.sync()), "redis", NAMES,
                        this.settings, this.progress, this.results);
            }
            finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(5));
            }
        }
        finally {
            Cleanup.deleteTree(directory);
        }
        this.results.note("redis", version + ", started by the command with --bind 127.0.0.1 "
                + "--port <free> --dir <temporary> --appendonly yes --appendfsync everysec "
                + "--save ''; client: Lettuce " + lettuceVersion() + " in this JVM, one "
                + "connection shared by 1, 8 or 50 threads, each with one blocking call in "
                + "flight; same calls per round and rounds as the remote CRUDJT figures.");
    }

    private static String lettuceVersion() {
        Properties properties = new Properties();
        try (InputStream in = RedisClient.class.getResourceAsStream(
                "/META-INF/maven/io.lettuce/lettuce-core/pom.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        catch (IOException ex) {
            return "7.x";
        }
        return properties.getProperty("version", "7.x");
    }

    /** Redis through Lettuce's synchronous API. */
    private static final class RedisTarget implements Target {

        private static final ObjectMapper MAPPER = new ObjectMapper();

        private static final ObjectReader READER = MAPPER.readerFor(Map.class);

        private static final Base64.Encoder KEYS = Base64.getUrlEncoder().withoutPadding();

        private static final SetArgs CREATE = SetArgs.Builder.ex(InProcessBenchmark.TTL).nx();

        private static final SetArgs UPDATE = SetArgs.Builder.ex(InProcessBenchmark.TTL).xx();

        private final RedisCommands<byte[], byte[]> commands;

        RedisTarget(RedisCommands<byte[], byte[]> commands) {
            this.commands = commands;
        }

        @Override
        public String create(Map<String, Object> data) {
            while (true) {
                String key = KEYS.encodeToString(RecordCipher.randomBytes(16));
                String ok = this.commands.set(key.getBytes(StandardCharsets.US_ASCII),
                        write(data), CREATE);
                if (ok != null) {
                    return key;
                }
            }
        }

        @Override
        public @Nullable Map<String, Object> read(String token) {
            byte[] json = this.commands.get(token.getBytes(StandardCharsets.US_ASCII));
            if (json == null) {
                return null;
            }
            try {
                return JsonCodec.normalize(READER.readValue(json));
            }
            catch (IOException ex) {
                throw new IllegalStateException("Redis returned a value that is not JSON", ex);
            }
        }

        @Override
        public boolean update(String token, Map<String, Object> data) {
            return this.commands.set(token.getBytes(StandardCharsets.US_ASCII), write(data),
                    UPDATE) != null;
        }

        @Override
        public boolean delete(String token) {
            return this.commands.del(token.getBytes(StandardCharsets.US_ASCII)) == 1;
        }

        private static byte[] write(Map<String, Object> data) {
            return Payload.json(JsonCodec.normalize(data));
        }
    }
}
