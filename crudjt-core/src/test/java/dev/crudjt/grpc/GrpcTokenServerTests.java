package dev.crudjt.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtError;
import dev.crudjt.CrudJtException;
import dev.crudjt.CrudJtMaster;
import dev.crudjt.MasterOptions;
import dev.crudjt.grpc.proto.CreateTokenRequest;
import dev.crudjt.grpc.proto.DeleteTokenRequest;
import dev.crudjt.grpc.proto.ReadTokenRequest;
import dev.crudjt.grpc.proto.TokenServiceGrpc;
import dev.crudjt.grpc.proto.UpdateTokenRequest;
import dev.crudjt.store.TokenStore;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

class GrpcTokenServerTests {

    @TempDir
    Path directory;

    private CrudJtMaster master;

    private ManagedChannel channel;

    @BeforeEach
    void startMaster() {
        this.master = TestMasters.startMaster(this.directory);
        this.channel = NettyChannelBuilder.forAddress(this.master.grpcAddress())
                .usePlaintext()
                .build();
    }

    @AfterEach
    void stopMaster() throws InterruptedException {
        this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        this.master.close();
    }

    @Test
    void grpcAddressReportsTheBoundLoopbackPort() {
        InetSocketAddress address = this.master.grpcAddress();

        assertThat(address.getAddress().isLoopbackAddress()).isTrue();
        assertThat(address.getPort()).isPositive();
    }

    @Test
    void rawStubsCreateReadUpdateAndDelete() throws IOException {
        String token = stub().createToken(CreateTokenRequest.newBuilder()
                .setPackedData(pack(Map.of("user", 7))).setTtl(60).setSilenceRead(5).build())
                .getToken();

        ByteString read = stub().readToken(ReadTokenRequest.newBuilder().setToken(token).build())
                .getPackedData();
        boolean updated = stub().updateToken(UpdateTokenRequest.newBuilder().setToken(token)
                .setPackedData(pack(Map.of("user", 8))).setTtl(-1).setSilenceRead(-1).build())
                .getResult();
        ByteString reread = stub().readToken(ReadTokenRequest.newBuilder().setToken(token)
                .build()).getPackedData();
        boolean deleted = stub().deleteToken(DeleteTokenRequest.newBuilder().setToken(token)
                .build()).getResult();

        assertThat(token).hasSize(TokenStore.TOKEN_LENGTH);
        assertThat(json(read))
                .isEqualTo("{\"metadata\":{\"ttl\":60,\"silence_read\":4},\"data\":{\"user\":7}}");
        assertThat(updated).isTrue();
        assertThat(json(reread)).isEqualTo("{\"data\":{\"user\":8}}");
        assertThat(deleted).isTrue();
        assertThat(readRaw(token).toByteArray()).containsExactly(0xC0);
    }

    @Test
    void zeroLimitsMeanNoLimitLikeMinusOne() throws IOException {
        String token = create(Map.of("k", 1), 0, 0);

        assertThat(json(readRaw(token))).isEqualTo("{\"data\":{\"k\":1}}");
    }

    @Test
    void absentTokenReadsAsSingleNilByte() {
        assertThat(readRaw("AAAAAAAAAAAAAAAAAAAAAA").toByteArray()).containsExactly(0xC0);
    }

    @Test
    void garbageBytesGetInvalidArgument() {
        assertStatus(() -> createRaw(ByteString.copyFrom(new byte[] {(byte) 0xC1, 1, 2}), -1),
                Status.Code.INVALID_ARGUMENT,
                "'data' is not valid MessagePack: byte 0xC1 at offset 0 is never used");
        assertServing();
    }

    @Test
    void messagePackThatIsNotAMapGetsInvalidArgument() throws IOException {
        MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
        packer.packArrayHeader(1).packInt(1);
        packer.close();

        assertStatus(() -> createRaw(ByteString.copyFrom(packer.toByteArray()), -1),
                Status.Code.INVALID_ARGUMENT,
                "'data' must be a MessagePack map with string keys, found an array");
        assertServing();
    }

    @Test
    void truncatedMessagePackGetsInvalidArgument() {
        assertStatus(() -> createRaw(ByteString.copyFrom(new byte[] {(byte) 0x82, (byte) 0xA1,
            'a'}), -1), Status.Code.INVALID_ARGUMENT,
                "'data' is not valid MessagePack: it ends inside a value");
        assertServing();
    }

    @Test
    void deepNestingGetsInvalidArgumentWithoutHurtingTheServer() {
        byte[] nested = new byte[50_004];
        nested[0] = (byte) 0x81;
        nested[1] = (byte) 0xA1;
        nested[2] = 'a';
        for (int i = 3; i < nested.length - 1; i++) {
            nested[i] = (byte) 0x91;
        }
        nested[nested.length - 1] = 1;

        assertStatus(() -> createRaw(ByteString.copyFrom(nested), -1),
                Status.Code.INVALID_ARGUMENT, "'data' is nested deeper than 32 levels");
        assertServing();
    }

    @Test
    void messageOverOneMebibyteGetsResourceExhausted() {
        ByteString big = ByteString.copyFrom(new byte[1024 * 1024]);

        StatusRuntimeException ex = catchThrowableOfType(StatusRuntimeException.class,
                () -> createRaw(big, -1));

        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertServing();
    }

    @Test
    void compressedRequestThatDecompressesPastTheCapGetsResourceExhausted() {
        CreateTokenRequest bomb = CreateTokenRequest.newBuilder()
                .setPackedData(ByteString.copyFrom(new byte[512 * 1024])).setTtl(-1)
                .setSilenceRead(-1).build();

        StatusRuntimeException ex = catchThrowableOfType(StatusRuntimeException.class,
                () -> stub().withCompression("gzip").createToken(bomb));

        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertServing();
    }

    @Test
    void peersThatSendTooMuchOrNoHttp2LeaveNoLogLines() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {

            @Override
            public void publish(LogRecord logRecord) {
                if (isLoggable(logRecord)) {
                    records.add(logRecord);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger netty = java.util.logging.Logger.getLogger(
                "io.grpc.netty.shaded.io.grpc.netty");
        netty.addHandler(handler);
        try {
            for (int i = 0; i < 5; i++) {
                ByteString big = ByteString.copyFrom(new byte[128 * 1024]);
                assertThat(catchThrowableOfType(StatusRuntimeException.class,
                        () -> createRaw(big, -1)).getStatus().getCode())
                        .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                sendHttp1Request();
            }
        }
        finally {
            netty.removeHandler(handler);
        }
        assertThat(records).extracting(LogRecord::getMessage).isEmpty();
        assertServing();
    }

    private void sendHttp1Request() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(),
                this.master.grpcAddress().getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getInputStream().readAllBytes();
        }
    }

    @Test
    void negativeTtlGetsInvalidArgument() {
        assertStatus(() -> createRaw(pack(Map.of("a", 1)), -5), Status.Code.INVALID_ARGUMENT,
                "'ttl' must be positive, or -1 or 0 for no limit, was -5");
        assertServing();
    }

    @Test
    void negativeSilenceReadGetsInvalidArgument() {
        assertStatus(() -> stub().updateToken(UpdateTokenRequest.newBuilder()
                .setToken(create(Map.of("a", 1), -1, -1)).setPackedData(pack(Map.of("a", 2)))
                .setTtl(-1).setSilenceRead(-2).build()), Status.Code.INVALID_ARGUMENT,
                "'silence_read' must be positive, or -1 or 0 for no limit, was -2");
        assertServing();
    }

    @Test
    void dataOverTheSizeLimitGetsTheInProcessMessage() {
        Map<String, Object> data = Map.of("text", "x".repeat(300));
        String inProcess = assertThatIllegalArgumentException()
                .isThrownBy(() -> this.master.create(data)).actual().getMessage();

        assertStatus(() -> createRaw(pack(data), -1), Status.Code.INVALID_ARGUMENT, inProcess);
        assertServing();
    }

    @Test
    void emptyTokenGetsInvalidArgument() {
        assertStatus(() -> readRaw(""), Status.Code.INVALID_ARGUMENT,
                "'token' must not be null or blank");
        assertStatus(() -> stub().deleteToken(DeleteTokenRequest.newBuilder().setToken(" ")
                .build()), Status.Code.INVALID_ARGUMENT, "'token' must not be null or blank");
        assertServing();
    }

    @Test
    void oneMegabyteTokenGetsResourceExhausted() {
        StatusRuntimeException ex = catchThrowableOfType(StatusRuntimeException.class,
                () -> readRaw("t".repeat(1_000_000)));

        assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertServing();
    }

    @Test
    void oddTokensWithinTheMessageCapReadAsAbsent() {
        assertThat(readRaw("t".repeat(60_000)).toByteArray()).containsExactly(0xC0);
        assertThat(readRaw("ünïcødé-tøkén-✓✓✓✓✓✓✓✓✓").toByteArray()).containsExactly(0xC0);
        assertThat(readRaw("ü".repeat(TokenStore.TOKEN_LENGTH)).toByteArray())
                .containsExactly(0xC0);
        assertThat(stub().deleteToken(DeleteTokenRequest.newBuilder().setToken("日本語")
                .build()).getResult()).isFalse();
        assertThat(stub().updateToken(UpdateTokenRequest.newBuilder().setToken("\u0000\u0001")
                .setPackedData(pack(Map.of("a", 1))).setTtl(-1).setSilenceRead(-1).build())
                .getResult()).isFalse();
        assertServing();
    }

    @Test
    void callsRacingCloseGetAnswersOrUnavailable() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<Status.Code>>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(pool.submit(this::createUntilRefused));
        }
        Thread.sleep(200);

        this.master.close();

        List<Status.Code> codes = new ArrayList<>();
        for (Future<List<Status.Code>> result : results) {
            codes.addAll(result.get(20, TimeUnit.SECONDS));
        }
        pool.shutdownNow();
        assertThat(codes).contains(Status.Code.OK, Status.Code.UNAVAILABLE)
                .containsOnly(Status.Code.OK, Status.Code.UNAVAILABLE);
        assertThat(this.master.isOpen()).isFalse();
    }

    @Test
    void closeReleasesThePortAndTheStore() throws IOException {
        int port = this.master.grpcAddress().getPort();

        this.master.close();

        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
        try (CrudJtMaster reopened = TestMasters.startMaster(this.directory)) {
            assertThat(reopened.isOpen()).isTrue();
        }
    }

    @Test
    void portInUseFailsWithAddressInUseAndReleasesTheStore(@TempDir Path other)
            throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            CrudJtException ex = catchThrowableOfType(CrudJtException.class,
                    () -> CrudJt.startMaster(TestMasters.options(other, port).build()));

            assertThat(ex.error()).isEqualTo(CrudJtError.ADDRESS_IN_USE);
            assertThat(ex.getMessage()).startsWith("Cannot bind the gRPC address 127.0.0.1:"
                    + port + ": ").contains("set another port");
        }
        try (CrudJtMaster retried = CrudJt.startMaster(TestMasters.options(other, 0).build())) {
            assertThat(retried.storeFile()).isEqualTo(other.resolve(TokenStore.FILE_NAME));
            assertThat(retried.create(Map.of("ok", true))).hasSize(TokenStore.TOKEN_LENGTH);
        }
    }

    @Test
    void nonLoopbackHostIsRefusedWithoutAllowRemote(@TempDir Path other) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CrudJt.startMaster(TestMasters.options(other, 0)
                        .grpcHost("0.0.0.0").build()))
                .withMessageStartingWith("'grpcHost' '0.0.0.0' is not a loopback address: ")
                .withMessageContaining("unauthenticated plaintext")
                .withMessageContaining("allowRemote(true)");
        assertThat(Files.exists(other.resolve(TokenStore.FILE_NAME))).isFalse();
    }

    @Test
    void ipv6WildcardIsRefusedWithoutAllowRemoteAndNothingIsBound(@TempDir Path other) {
        for (String host : List.of("::", "0:0:0:0:0:0:0:0", "[::]")) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> CrudJt.startMaster(TestMasters.options(other, 0)
                            .grpcHost(host).build()))
                    .withMessageStartingWith("'grpcHost' '" + host + "' is not a loopback "
                            + "address: ");
        }
        assertThat(Files.exists(other.resolve(TokenStore.FILE_NAME))).isFalse();
        assertThat(MasterOptions.builder().secretKey(TestMasters.SECRET_KEY).build().grpcHost())
                .isEqualTo("127.0.0.1");
    }

    @Test
    void localhostIsAcceptedAsLoopback(@TempDir Path other) {
        try (CrudJtMaster local = CrudJt.startMaster(TestMasters.options(other, 0)
                .grpcHost("localhost").build())) {
            assertThat(local.grpcAddress().getAddress().isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void messageCapGrowsWithTheDataSizeLimit() {
        assertThat(GrpcTokenServer.maxMessageSize(256)).isEqualTo(64 * 1024);
        assertThat(GrpcTokenServer.maxMessageSize(65536)).isEqualTo(4 * 65536 + 1024);
    }

    private List<Status.Code> createUntilRefused() {
        List<Status.Code> codes = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            try {
                createRaw(pack(Map.of("n", i)), -1);
                codes.add(Status.Code.OK);
            }
            catch (StatusRuntimeException ex) {
                codes.add(ex.getStatus().getCode());
                if (ex.getStatus().getCode() == Status.Code.UNAVAILABLE) {
                    break;
                }
            }
        }
        return codes;
    }

    private void assertServing() {
        String token = create(Map.of("still", "serving"), 30, -1);

        assertThat(this.master.read(token).data()).isEqualTo(Map.of("still", "serving"));
    }

    private static void assertStatus(ThrowingCallable call, Status.Code code,
            String description) {
        assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(call)
                .satisfies(ex -> {
                    assertThat(ex.getStatus().getCode()).isEqualTo(code);
                    assertThat(ex.getStatus().getDescription()).isEqualTo(description);
                });
    }

    private String create(Map<String, ?> data, long ttl, long silenceRead) {
        return stub().createToken(CreateTokenRequest.newBuilder().setPackedData(pack(data))
                .setTtl(ttl).setSilenceRead(silenceRead).build()).getToken();
    }

    private String createRaw(ByteString packed, long ttl) {
        return stub().createToken(CreateTokenRequest.newBuilder().setPackedData(packed)
                .setTtl(ttl).setSilenceRead(-1).build()).getToken();
    }

    private ByteString readRaw(String token) {
        return stub().readToken(ReadTokenRequest.newBuilder().setToken(token).build())
                .getPackedData();
    }

    private TokenServiceGrpc.TokenServiceBlockingStub stub() {
        return TokenServiceGrpc.newBlockingStub(this.channel).withDeadlineAfter(5,
                TimeUnit.SECONDS);
    }

    private static ByteString pack(Map<String, ?> data) {
        return WireCodec.encodeData(data);
    }

    private static String json(ByteString packed) throws IOException {
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(packed.toByteArray())) {
            return unpacker.unpackValue().toJson();
        }
    }
}
