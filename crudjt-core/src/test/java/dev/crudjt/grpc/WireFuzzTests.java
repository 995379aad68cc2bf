package dev.crudjt.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import dev.crudjt.TokenRead;
import dev.crudjt.grpc.proto.CreateTokenRequest;
import dev.crudjt.grpc.proto.DeleteTokenRequest;
import dev.crudjt.grpc.proto.ReadTokenRequest;
import dev.crudjt.grpc.proto.TokenServiceGrpc;
import dev.crudjt.grpc.proto.UpdateTokenRequest;
import dev.crudjt.json.JsonCodec;
import dev.crudjt.store.TokenStore;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Sends random and mutated requests to a master in another JVM through raw stubs and raw
 * protobuf frames. Every answer must be a result, INVALID_ARGUMENT or RESOURCE_EXHAUSTED; the
 * master must stay up and keep answering correctly. The seed is printed and can be set with
 * {@code -Dcrudjt.fuzz.seed=...}; the count with {@code -Dcrudjt.fuzz.requests=...}.
 */
class WireFuzzTests {

    private static final long SEED = Long.getLong("crudjt.fuzz.seed", 0x5EED_C0DE_2026L);

    private static final int REQUESTS = Integer.getInteger("crudjt.fuzz.requests", 12_000);

    private static final int RAW_FRAMES = Math.max(1_000, REQUESTS / 6);

    private static final int IN_FLIGHT = 8;

    private static final Set<Status.Code> ALLOWED = Set.of(Status.Code.OK,
            Status.Code.INVALID_ARGUMENT, Status.Code.RESOURCE_EXHAUSTED);

    @TempDir
    Path directory;

    @Test
    void randomAndMutatedRequestsGetResultsOrBadInputAndTheMasterKeepsServing()
            throws Exception {
        System.out.println("wire fuzz: seed " + SEED + ", " + REQUESTS + " stub requests, "
                + RAW_FRAMES + " raw frames (rerun with -Dcrudjt.fuzz.seed=" + SEED + ")");
        ChildJvm master = ChildJvm.start(MasterProcessMain.class, this.directory.toString(), "0",
                "maxDataSize=65536");
        ManagedChannel channel = null;
        try {
            int port = Integer.parseInt(master.awaitLine(MasterProcessMain.PORT_LINE,
                    Duration.ofSeconds(60)));
            channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                    .maxInboundMessageSize(8 * 1024 * 1024).build();
            Fuzzer fuzzer = new Fuzzer(new Random(SEED), TokenServiceGrpc.newFutureStub(channel));
            Map<String, Map<String, Object>> sentinels = fuzzer.createSentinels(50);

            Outcomes outcomes = fuzzer.sendRequests(REQUESTS);
            outcomes.add(fuzzer.sendRawFrames(channel, RAW_FRAMES));

            System.out.println("wire fuzz: answers " + outcomes.codes);
            assertThat(outcomes.violations).as("answers outside OK, INVALID_ARGUMENT and "
                    + "RESOURCE_EXHAUSTED (seed " + SEED + ")").isEmpty();
            assertThat(outcomes.total()).isEqualTo(REQUESTS + RAW_FRAMES);
            assertThat(outcomes.codes).containsKeys(Status.Code.OK,
                    Status.Code.INVALID_ARGUMENT, Status.Code.RESOURCE_EXHAUSTED);
            assertThat(master.isAlive()).as("master process alive").isTrue();
            TokenServiceGrpc.TokenServiceBlockingStub stub = TokenServiceGrpc
                    .newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
            sentinels.forEach((token, data) -> assertThat(WireCodec.decodeRead(stub.readToken(
                    ReadTokenRequest.newBuilder().setToken(token).build()).getPackedData()))
                    .as("sentinel %s", token).isNotNull()
                    .extracting(TokenRead::data).isEqualTo(data));
            assertRoundTrip(stub);
            assertThat(master.transcript()).doesNotContain("SEVERE").doesNotContain(" ERROR ")
                    .doesNotContain("Token request failed on the master");
        }
        finally {
            if (channel != null) {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            master.close();
        }
    }

    private static void assertRoundTrip(TokenServiceGrpc.TokenServiceBlockingStub stub) {
        Map<String, Object> data = Map.of("after", "fuzz", "n", 7);
        String token = stub.createToken(CreateTokenRequest.newBuilder()
                .setPackedData(WireCodec.encodeData(data)).setTtl(60).setSilenceRead(3).build())
                .getToken();
        TokenRead read = WireCodec.decodeRead(stub.readToken(ReadTokenRequest.newBuilder()
                .setToken(token).build()).getPackedData());
        boolean updated = stub.updateToken(UpdateTokenRequest.newBuilder().setToken(token)
                .setPackedData(WireCodec.encodeData(Map.of("after", "update"))).setTtl(-1)
                .setSilenceRead(-1).build()).getResult();
        TokenRead reread = WireCodec.decodeRead(stub.readToken(ReadTokenRequest.newBuilder()
                .setToken(token).build()).getPackedData());
        boolean deleted = stub.deleteToken(DeleteTokenRequest.newBuilder().setToken(token)
                .build()).getResult();

        assertThat(read).isEqualTo(new TokenRead(data, 60L, 2L));
        assertThat(updated).isTrue();
        assertThat(reread).isEqualTo(new TokenRead(Map.of("after", "update"), null, null));
        assertThat(deleted).isTrue();
        assertThat(stub.readToken(ReadTokenRequest.newBuilder().setToken(token).build())
                .getPackedData()).isEqualTo(WireCodec.ABSENT);
    }

    /** Counts of status codes and the requests whose answer was not allowed. */
    private static final class Outcomes {

        private final Map<Status.Code, Integer> codes = new EnumMap<>(Status.Code.class);

        private final List<String> violations = new ArrayList<>();

        synchronized void record(int index, String what, Status status) {
            this.codes.merge(status.getCode(), 1, Integer::sum);
            if (!ALLOWED.contains(status.getCode()) && this.violations.size() < 20) {
                this.violations.add("#" + index + " " + what + " -> " + status.getCode() + ": "
                        + status.getDescription());
            }
        }

        synchronized void add(Outcomes other) {
            other.codes.forEach((code, count) -> this.codes.merge(code, count, Integer::sum));
            this.violations.addAll(other.violations);
        }

        synchronized int total() {
            return this.codes.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Generates requests from one seeded random source, in a fixed order. */
    private static final class Fuzzer {

        private static final long[] LIMITS = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1_000_000,
            -2, -1, 0, 1, 2, 59, 3600, Integer.MAX_VALUE, 1L << 40, Long.MAX_VALUE / 1000,
            Long.MAX_VALUE / 1000 - 1_800_000_000L, Long.MAX_VALUE - 1, Long.MAX_VALUE};

        private static final byte[] INTERESTING = {0, 0x7F, (byte) 0x80, (byte) 0x8F,
            (byte) 0x9F, (byte) 0xBF, (byte) 0xC0, (byte) 0xC1, (byte) 0xC4, (byte) 0xC7,
            (byte) 0xCA, (byte) 0xCB, (byte) 0xCF, (byte) 0xD3, (byte) 0xD9, (byte) 0xDB,
            (byte) 0xDC, (byte) 0xDD, (byte) 0xDE, (byte) 0xDF, (byte) 0xFF};

        private final Random random;

        private final TokenServiceGrpc.TokenServiceFutureStub stub;

        private final List<String> targets = new ArrayList<>();

        Fuzzer(Random random, TokenServiceGrpc.TokenServiceFutureStub stub) {
            this.random = random;
            this.stub = stub;
        }

        Map<String, Map<String, Object>> createSentinels(int count) throws Exception {
            Map<String, Map<String, Object>> sentinels = new LinkedHashMap<>();
            for (int i = 0; i < count + 20; i++) {
                Map<String, Object> data = JsonCodec.normalize(wellFormed(randomMap(3)));
                String token = deadline().createToken(CreateTokenRequest.newBuilder()
                        .setPackedData(WireCodec.encodeData(data)).setTtl(-1).setSilenceRead(-1)
                        .build()).get(10, TimeUnit.SECONDS).getToken();
                if (i < count) {
                    sentinels.put(token, data);
                }
                else {
                    this.targets.add(token);
                }
            }
            return sentinels;
        }

        Outcomes sendRequests(int count) throws InterruptedException {
            Outcomes outcomes = new Outcomes();
            Semaphore slots = new Semaphore(IN_FLIGHT);
            for (int i = 0; i < count; i++) {
                int index = i;
                String[] what = new String[1];
                Supplier<ListenableFuture<? extends MessageLite>> call = nextCall(what);
                slots.acquire();
                ListenableFuture<? extends MessageLite> future = call.get();
                future.addListener(() -> {
                    outcomes.record(index, what[0], statusOf(future));
                    remember(future);
                    slots.release();
                }, Runnable::run);
            }
            slots.acquire(IN_FLIGHT);
            return outcomes;
        }

        Outcomes sendRawFrames(ManagedChannel channel, int count) {
            Outcomes outcomes = new Outcomes();
            String[] methods = {"CreateToken", "ReadToken", "UpdateToken", "DeleteToken"};
            for (int i = 0; i < count; i++) {
                String method = methods[this.random.nextInt(methods.length)];
                byte[] frame = rawFrame(method);
                Status status;
                try {
                    ClientCalls.blockingUnaryCall(channel, rawMethod(method),
                            CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), frame);
                    status = Status.OK;
                }
                catch (io.grpc.StatusRuntimeException ex) {
                    status = ex.getStatus();
                }
                outcomes.record(i, "raw " + method + " frame of " + frame.length + " bytes",
                        status);
            }
            return outcomes;
        }

        private Supplier<ListenableFuture<? extends MessageLite>> nextCall(String[] what) {
            int op = this.random.nextInt(100);
            if (op < 40) {
                ByteString data = data(what);
                long ttl = limit();
                long silence = limit();
                what[0] = "create " + what[0] + " ttl " + ttl + " silence_read " + silence;
                return () -> deadline().createToken(CreateTokenRequest.newBuilder()
                        .setPackedData(data).setTtl(ttl).setSilenceRead(silence).build());
            }
            if (op < 70) {
                String token = token();
                what[0] = "read token of length " + token.length();
                return () -> deadline().readToken(ReadTokenRequest.newBuilder().setToken(token)
                        .build());
            }
            if (op < 90) {
                String token = token();
                ByteString data = data(what);
                long ttl = limit();
                long silence = limit();
                what[0] = "update " + what[0] + " token of length " + token.length();
                return () -> deadline().updateToken(UpdateTokenRequest.newBuilder()
                        .setToken(token).setPackedData(data).setTtl(ttl).setSilenceRead(silence)
                        .build());
            }
            String token = token();
            what[0] = "delete token of length " + token.length();
            return () -> deadline().deleteToken(DeleteTokenRequest.newBuilder().setToken(token)
                    .build());
        }

        private TokenServiceGrpc.TokenServiceFutureStub deadline() {
            return this.stub.withDeadlineAfter(20, TimeUnit.SECONDS);
        }

        private void remember(ListenableFuture<? extends MessageLite> future) {
            try {
                if (future.get() instanceof dev.crudjt.grpc.proto.CreateTokenResponse created) {
                    synchronized (this.targets) {
                        if (this.targets.size() < 2_000) {
                            this.targets.add(created.getToken());
                        }
                    }
                }
            }
            catch (ExecutionException | InterruptedException ex) {
                return;
            }
        }

        private static Status statusOf(ListenableFuture<?> future) {
            try {
                future.get();
                return Status.OK;
            }
            catch (ExecutionException ex) {
                return Status.fromThrowable(ex.getCause());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return Status.ABORTED;
            }
        }

        private ByteString data(String[] what) {
            int kind = this.random.nextInt(100);
            byte[] bytes;
            if (kind < 12) {
                what[0] = "random bytes";
                bytes = randomBytes(pickLength());
            }
            else if (kind < 45) {
                what[0] = "mutated map";
                bytes = mutate(pack(randomMap(4)));
            }
            else if (kind < 60) {
                what[0] = "valid map";
                bytes = pack(randomMap(4));
            }
            else if (kind < 68) {
                what[0] = "non-map root";
                bytes = nonMapRoot();
            }
            else if (kind < 76) {
                what[0] = "non-string key";
                bytes = nonStringKey();
            }
            else if (kind < 80) {
                what[0] = "deep nesting";
                bytes = deepNesting();
            }
            else if (kind < 88) {
                what[0] = "huge string";
                bytes = hugeString();
            }
            else if (kind < 94) {
                what[0] = "truncated map";
                byte[] whole = pack(randomMap(4));
                bytes = Arrays.copyOf(whole, this.random.nextInt(whole.length));
            }
            else if (kind < 97) {
                what[0] = "map with trailing bytes";
                bytes = concat(pack(randomMap(2)), randomBytes(1 + this.random.nextInt(8)));
            }
            else {
                what[0] = "oversized message";
                bytes = randomBytes(300_000 + this.random.nextInt(200_000));
            }
            return ByteString.copyFrom(bytes);
        }

        private int pickLength() {
            int band = this.random.nextInt(10);
            if (band < 5) {
                return this.random.nextInt(17);
            }
            return (band < 9) ? this.random.nextInt(400) : this.random.nextInt(70_000);
        }

        private long limit() {
            int kind = this.random.nextInt(10);
            if (kind < 4) {
                return -1;
            }
            return (kind < 8) ? LIMITS[this.random.nextInt(LIMITS.length)]
                    : this.random.nextLong();
        }

        private String token() {
            int kind = this.random.nextInt(100);
            if (kind < 30) {
                synchronized (this.targets) {
                    return this.targets.get(this.random.nextInt(this.targets.size()));
                }
            }
            if (kind < 45) {
                return base64Like(22);
            }
            if (kind < 60) {
                return base64Like(this.random.nextInt(64));
            }
            if (kind < 75) {
                return unicode(1 + this.random.nextInt(40));
            }
            if (kind < 82) {
                return "";
            }
            if (kind < 88) {
                return " \t\n".substring(0, 1 + this.random.nextInt(3));
            }
            if (kind < 94) {
                return base64Like(1_000 + this.random.nextInt(59_000));
            }
            return unicode(TokenStore.TOKEN_LENGTH);
        }

        private String base64Like(int length) {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=";
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(this.random.nextInt(alphabet.length())));
            }
            return text.toString();
        }

        private String unicode(int length) {
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                int kind = this.random.nextInt(5);
                if (kind == 0) {
                    text.append((char) this.random.nextInt(0x20));
                }
                else if (kind == 1) {
                    text.appendCodePoint(0x1F300 + this.random.nextInt(500));
                }
                else if (kind == 2) {
                    text.append((char) (0xD800 + this.random.nextInt(0x800)));
                }
                else {
                    text.append((char) (0xA0 + this.random.nextInt(0x3000)));
                }
            }
            return text.toString();
        }

        private Map<String, Object> randomMap(int depth) {
            Map<String, Object> map = new LinkedHashMap<>();
            int size = this.random.nextInt(6);
            for (int i = 0; i < size; i++) {
                map.put(unicode(1 + this.random.nextInt(6)), randomValue(depth - 1));
            }
            return map;
        }

        /** Replaces unpaired surrogates, which token data may not hold, in keys and values. */
        private static Map<String, Object> wellFormed(Map<String, Object> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(wellFormed(key), wellFormedValue(value)));
            return copy;
        }

        @SuppressWarnings("unchecked")
        private static Object wellFormedValue(Object value) {
            if (value instanceof String text) {
                return wellFormed(text);
            }
            if (value instanceof List<?> list) {
                return list.stream().map(Fuzzer::wellFormedValue).toList();
            }
            if (value instanceof Map<?, ?> map) {
                return wellFormed((Map<String, Object>) map);
            }
            return value;
        }

        private static String wellFormed(String text) {
            return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        }

        private Object randomValue(int depth) {
            int kind = this.random.nextInt((depth > 0) ? 9 : 7);
            switch (kind) {
                case 0:
                    return this.random.nextBoolean();
                case 1:
                    return this.random.nextInt();
                case 2:
                    return this.random.nextLong();
                case 3:
                    return this.random.nextDouble() * 1e6 - 5e5;
                case 4:
                    return unicode(this.random.nextInt(12));
                case 5:
                    return "";
                case 6:
                    return this.random.nextInt(3) - 1;
                case 7:
                    List<Object> list = new ArrayList<>();
                    for (int i = this.random.nextInt(4); i > 0; i--) {
                        list.add(randomValue(depth - 1));
                    }
                    return list;
                default:
                    return randomMap(depth - 1);
            }
        }

        private byte[] mutate(byte[] original) {
            byte[] bytes = original.clone();
            int mutations = 1 + this.random.nextInt(4);
            for (int m = 0; m < mutations && bytes.length > 0; m++) {
                int at = this.random.nextInt(bytes.length);
                switch (this.random.nextInt(6)) {
                    case 0:
                        bytes[at] ^= (byte) (1 << this.random.nextInt(8));
                        break;
                    case 1:
                        bytes[at] = INTERESTING[this.random.nextInt(INTERESTING.length)];
                        break;
                    case 2:
                        bytes = concat(Arrays.copyOf(bytes, at), concat(randomBytes(1
                                + this.random.nextInt(6)), Arrays.copyOfRange(bytes, at,
                                bytes.length)));
                        break;
                    case 3:
                        bytes = concat(Arrays.copyOf(bytes, at), Arrays.copyOfRange(bytes,
                                Math.min(bytes.length, at + 1 + this.random.nextInt(4)),
                                bytes.length));
                        break;
                    case 4:
                        bytes[at] = (byte) 0xDF;
                        bytes = concat(Arrays.copyOf(bytes, at + 1), concat(new byte[] {
                            (byte) 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF},
                                Arrays.copyOfRange(bytes, at + 1, bytes.length)));
                        break;
                    default:
                        bytes = concat(bytes, Arrays.copyOfRange(bytes, 0, at));
                        break;
                }
            }
            return bytes;
        }

        private byte[] nonMapRoot() {
            return packWith((packer) -> {
                switch (this.random.nextInt(8)) {
                    case 0 -> packer.packNil();
                    case 1 -> packer.packBoolean(true);
                    case 2 -> packer.packLong(this.random.nextLong());
                    case 3 -> packer.packDouble(Double.NaN);
                    case 4 -> packer.packString("root");
                    case 5 -> packer.packBinaryHeader(3).writePayload(new byte[] {1, 2, 3});
                    case 6 -> packer.packExtensionTypeHeader((byte) 5, 2)
                            .writePayload(new byte[] {9, 9});
                    default -> packer.packArrayHeader(2).packInt(1).packInt(2);
                }
            });
        }

        private byte[] nonStringKey() {
            return packWith((packer) -> {
                packer.packMapHeader(2).packString("ok").packInt(1);
                switch (this.random.nextInt(8)) {
                    case 0 -> packer.packInt(this.random.nextInt());
                    case 1 -> packer.packNil();
                    case 2 -> packer.packBoolean(false);
                    case 3 -> packer.packBinaryHeader(2).writePayload(new byte[] {'o', 'k'});
                    case 4 -> packer.packArrayHeader(1).packString("k");
                    case 5 -> packer.packMapHeader(1).packString("k").packString("v");
                    case 6 -> packer.packFloat(1.5f);
                    default -> packer.packExtensionTypeHeader((byte) -1, 4)
                            .writePayload(new byte[4]);
                }
                packer.packString("value");
            });
        }

        private byte[] deepNesting() {
            int depth = this.random.nextBoolean() ? 100_000 : 30 + this.random.nextInt(6);
            boolean maps = depth < 100 && this.random.nextBoolean();
            byte[] bytes = new byte[3 + depth * (maps ? 3 : 1) + 1];
            bytes[0] = (byte) 0x81;
            bytes[1] = (byte) 0xA1;
            bytes[2] = 'a';
            for (int i = 0; i < depth; i++) {
                if (maps) {
                    bytes[3 + 3 * i] = (byte) 0x81;
                    bytes[4 + 3 * i] = (byte) 0xA1;
                    bytes[5 + 3 * i] = 'b';
                }
                else {
                    bytes[3 + i] = (byte) 0x91;
                }
            }
            bytes[bytes.length - 1] = 1;
            return bytes;
        }

        private byte[] hugeString() {
            return packWith((packer) -> {
                packer.packMapHeader(1).packString("text");
                switch (this.random.nextInt(5)) {
                    case 0 -> packer.packString("x".repeat(60_000));
                    case 1 -> packer.packString("y".repeat(66_000));
                    case 2 -> packer.packRawStringHeader(Integer.MAX_VALUE);
                    case 3 -> packer.packRawStringHeader(4).writePayload(new byte[] {
                        (byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE});
                    default -> packer.packArrayHeader(Integer.MAX_VALUE);
                }
            });
        }

        private byte[] rawFrame(String method) {
            MessageLite valid = switch (method) {
                case "CreateToken" -> CreateTokenRequest.newBuilder()
                        .setPackedData(ByteString.copyFrom(pack(randomMap(2)))).setTtl(limit())
                        .setSilenceRead(limit()).build();
                case "UpdateToken" -> UpdateTokenRequest.newBuilder().setToken(token())
                        .setPackedData(ByteString.copyFrom(pack(randomMap(2)))).build();
                case "ReadToken" -> ReadTokenRequest.newBuilder().setToken(token()).build();
                default -> DeleteTokenRequest.newBuilder().setToken(token()).build();
            };
            int kind = this.random.nextInt(4);
            if (kind == 0) {
                return randomBytes(this.random.nextInt(64));
            }
            if (kind == 1) {
                byte[] utf8 = "\u00e9".getBytes(StandardCharsets.UTF_8);
                return new byte[] {0x0A, 3, utf8[0], (byte) 0xFF, utf8[1]};
            }
            return mutate(valid.toByteArray());
        }

        private byte[] randomBytes(int length) {
            byte[] bytes = new byte[length];
            this.random.nextBytes(bytes);
            return bytes;
        }

        private static byte[] pack(Map<String, Object> data) {
            return WireCodec.encodeData(data).toByteArray();
        }

        private static byte[] packWith(PackerWork work) {
            try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
                work.write(packer);
                packer.flush();
                return packer.toByteArray();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        private static byte[] concat(byte[] first, byte[] second) {
            byte[] joined = Arrays.copyOf(first, first.length + second.length);
            System.arraycopy(second, 0, joined, first.length, second.length);
            return joined;
        }

        private static MethodDescriptor<byte[], byte[]> rawMethod(String method) {
            return MethodDescriptor.<byte[], byte[]>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(MethodDescriptor.generateFullMethodName(
                            TokenServiceGrpc.SERVICE_NAME, method))
                    .setRequestMarshaller(RawBytes.INSTANCE)
                    .setResponseMarshaller(RawBytes.INSTANCE)
                    .build();
        }
    }

    @FunctionalInterface
    private interface PackerWork {

        void write(MessageBufferPacker packer) throws IOException;
    }

    /** Passes frames through untouched, so that any bytes reach the master. */
    private enum RawBytes implements MethodDescriptor.Marshaller<byte[]> {
        INSTANCE;

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
