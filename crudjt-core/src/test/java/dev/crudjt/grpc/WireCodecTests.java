package dev.crudjt.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

import com.google.protobuf.ByteString;
import dev.crudjt.TokenRead;
import dev.crudjt.json.JsonCodec;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

class WireCodecTests {

    @Test
    void decodeDataKeepsEveryJsonType() throws IOException {
        MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
        packer.packMapHeader(9);
        packer.packString("small").packInt(7);
        packer.packString("big").packLong(1L << 40);
        packer.packString("negative").packLong(Long.MIN_VALUE);
        packer.packString("float").packDouble(1.5);
        packer.packString("single").packFloat(0.1f);
        packer.packString("text").packString("héllo ✓");
        packer.packString("flag").packBoolean(true);
        packer.packString("nothing").packNil();
        packer.packString("nested").packMapHeader(1).packString("list").packArrayHeader(2)
                .packInt(1).packString("two");

        Map<String, Object> data = WireCodec.decodeData(bytes(packer));

        assertThat(data).containsExactly(entry("small", 7), entry("big", 1L << 40),
                entry("negative", Long.MIN_VALUE), entry("float", 1.5), entry("single", 0.1),
                entry("text", "héllo ✓"), entry("flag", true), entry("nothing", null),
                entry("nested", Map.of("list", List.of(1, "two"))));
        assertThat(data.get("small")).isInstanceOf(Integer.class);
        assertThat(data.get("big")).isInstanceOf(Long.class);
    }

    @Test
    void decodeDataReturnsIntegerForUint32AndInt64ValuesThatFit() {
        byte[] bytes = {(byte) 0x82, (byte) 0xA1, 'u', (byte) 0xCE, 0x00, 0x12, (byte) 0xD6,
            (byte) 0x87, (byte) 0xA1, 'l', (byte) 0xD3, 0, 0, 0, 0, 0, 0, 0, 5};

        Map<String, Object> data = WireCodec.decodeData(ByteString.copyFrom(bytes));

        assertThat(data.get("u")).isInstanceOf(Integer.class).isEqualTo(1_234_567);
        assertThat(data.get("l")).isInstanceOf(Integer.class).isEqualTo(5);
    }

    @Test
    void encodeDataRoundTripsThroughDecodeData() {
        Map<String, Object> original = new LinkedHashMap<>();
        original.put("user", Map.of("id", 42, "roles", List.of("admin", "dev")));
        original.put("score", 99.25);
        original.put("big", 5_000_000_000L);
        original.put("none", null);
        Map<String, Object> normalized = JsonCodec.normalize(original);

        Map<String, Object> decoded = WireCodec.decodeData(WireCodec.encodeData(normalized));

        assertThat(decoded).isEqualTo(normalized);
        assertThat(decoded.get("big")).isInstanceOf(Long.class);
    }

    @Test
    void integersThatFitThirtyTwoBitsDecodeAsIntegerWhateverTheirWireWidth() throws IOException {
        MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
        packer.packMapHeader(4);
        packer.packString("uint32").packLong(141_059_628L);
        packer.packString("int64").packLong(-7L);
        packer.packString("uint64").packBigInteger(BigInteger.valueOf(65_536));
        packer.packString("max").packLong(Integer.MAX_VALUE);

        Map<String, Object> data = WireCodec.decodeData(bytes(packer));
        Map<String, Object> roundTrip = WireCodec.decodeData(WireCodec.encodeData(
                Map.of("n", 100_000)));

        assertThat(data.values()).allSatisfy((value) -> assertThat(value)
                .isInstanceOf(Integer.class));
        assertThat(data).containsEntry("uint32", 141_059_628).containsEntry("int64", -7)
                .containsEntry("max", Integer.MAX_VALUE);
        assertThat(roundTrip).isEqualTo(Map.of("n", 100_000));
    }

    @Test
    void decodeDataReturnsUnmodifiableMaps() throws IOException {
        MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
        packer.packMapHeader(1).packString("a").packArrayHeader(1).packInt(1);

        Map<String, Object> data = WireCodec.decodeData(bytes(packer));

        assertThat(data).isUnmodifiable();
        assertThat((List<?>) data.get("a")).isUnmodifiable();
    }

    @Test
    void decodeDataRejectsEmptyBytes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeData(ByteString.EMPTY))
                .withMessage("'data' is empty: expected the MessagePack of a map with string "
                        + "keys");
    }

    @Test
    void decodeDataRejectsNilLikeInProcessNull() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeData(raw(0xC0)))
                .withMessage("'data' must not be null");
    }

    @Test
    void decodeDataRejectsRootsThatAreNotMaps() {
        assertThatIllegalArgumentException().isThrownBy(() -> WireCodec.decodeData(raw(0x91, 1)))
                .withMessage("'data' must be a MessagePack map with string keys, found an "
                        + "array");
        assertThatIllegalArgumentException().isThrownBy(() -> WireCodec.decodeData(raw(0x05)))
                .withMessage("'data' must be a MessagePack map with string keys, found an "
                        + "integer");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeData(raw(0xA1, 'x')))
                .withMessage("'data' must be a MessagePack map with string keys, found a "
                        + "string");
    }

    @Test
    void decodeDataRejectsKeysThatAreNotStrings() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeData(raw(0x81, 0x01, 0x02)))
                .withMessage("'data' keys must be strings, found a MessagePack integer");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeData(raw(0x81, 0xC3, 0x02)))
                .withMessage("'data' keys must be strings, found a MessagePack boolean");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeData(raw(0x81, 0xC0, 0x02)))
                .withMessage("'data' keys must be strings, found a MessagePack nil");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeData(raw(0x81, 0x80, 0x02)))
                .withMessage("'data' keys must be strings, found a MessagePack map");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeData(raw(0x81, 0xC4, 0x01, 'a', 0x02)))
                .withMessage("'data' keys must be strings, found a MessagePack binary");
    }

    @Test
    void decodeDataRejectsGarbageBytes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeData(raw(0xC1, 0x00, 0xFF)))
                .withMessage("'data' is not valid MessagePack: byte 0xC1 at offset 0 is never "
                        + "used");
    }

    @Test
    void decodeDataRejectsTruncatedMessagePack() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeData(raw(0x82, 0xA1, 'a', 0x01, 0xA1)))
                .withMessage("'data' is not valid MessagePack: it ends inside a value");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeData(raw(0x81, 0xA1, 'a', 0xCB, 0x3F)))
                .withMessage("'data' is not valid MessagePack: it ends inside a value");
    }

    @Test
    void decodeDataRejectsHugeHeadersWithoutAllocating() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeData(raw(0xDF, 0x7F, 0xFF, 0xFF, 0xFF)))
                .withMessage("'data' is not valid MessagePack: it ends inside a value");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeData(
                        raw(0x81, 0xA1, 'a', 0xDD, 0x7F, 0xFF, 0xFF, 0xFF)))
                .withMessage("'data' is not valid MessagePack: it ends inside a value");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeData(
                        raw(0x81, 0xA1, 'a', 0xDB, 0x7F, 0xFF, 0xFF, 0xFF, 'x')))
                .withMessage("'data' is not valid MessagePack: it ends inside a value");
    }

    @Test
    void decodeDataRejectsTrailingBytes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeData(raw(0x80, 0x01, 0x02)))
                .withMessage("'data' is followed by 2 trailing bytes after its MessagePack "
                        + "value");
    }

    @Test
    void decodeDataAcceptsTheDeepestNestingAllowedInProcess() {
        Map<String, Object> data = WireCodec.decodeData(nestedArrays(JsonCodec.MAX_DEPTH - 1));

        assertThat(JsonCodec.normalize(data)).isEqualTo(data);
    }

    @Test
    void decodeDataRejectsNestingDeeperThanInProcessWithTheSameMessage() {
        String inProcess = inProcessMessage(nestedJavaLists(JsonCodec.MAX_DEPTH));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeData(nestedArrays(JsonCodec.MAX_DEPTH)))
                .withMessage(inProcess)
                .withMessage("'data' is nested deeper than 32 levels");
    }

    @Test
    void decodeDataRejectsVeryDeepNestingWithoutOverflowingTheStack() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeData(nestedArrays(200_000)))
                .withMessage("'data' is nested deeper than 32 levels");
    }

    @Test
    void decodeDataRejectsBinaryAndExtensionValues() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeData(raw(0x81, 0xA1, 'b', 0xC4, 0x01, 0x07)))
                .withMessage("'data' value at key 'b' is MessagePack binary data, which is not a "
                        + "JSON value (use nil, a boolean, a number, a string, an array or a map)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeData(
                        raw(0x81, 0xA1, 'e', 0xD6, 0xFF, 0, 0, 0, 1)))
                .withMessage("'data' value at key 'e' is a MessagePack extension value, which is "
                        + "not a JSON value (use nil, a boolean, a number, a string, an array or "
                        + "a map)");
    }

    @Test
    void decodeDataRejectsUnsignedIntegersBeyondTheSignedRange() throws IOException {
        MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
        packer.packMapHeader(1).packString("n")
                .packBigInteger(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeData(bytes(packer)))
                .withMessage("'data' value at key 'n' is 18446744073709551615, outside the "
                        + "signed 64-bit integer range");
    }

    @Test
    void decodeDataRejectsNonFiniteFloatsWithTheInProcessMessage() throws IOException {
        MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
        packer.packMapHeader(1).packString("x").packDouble(Double.NaN);
        String inProcess = inProcessMessage(Map.of("x", Double.NaN));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeData(bytes(packer)))
                .withMessage(inProcess);
    }

    @Test
    void decodeDataRejectsStringsThatAreNotUtf8() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeData(raw(0x81, 0xA1, 'a', 0xA2, 0xC3, 0x28)))
                .withMessage("'data' holds a MessagePack string that is not valid UTF-8");
    }

    @Test
    void encodeReadOfAbsentTokenIsSingleNilByte() {
        assertThat(WireCodec.encodeRead(null).toByteArray()).containsExactly(0xC0);
    }

    @Test
    void encodeReadHasTheSharedShapeWithOnlyTheLimitsThatAreSet() throws IOException {
        Map<String, Object> data = JsonCodec.normalize(Map.of("k", "v"));

        assertThat(unpack(WireCodec.encodeRead(new TokenRead(data, null, null))))
                .isEqualTo("{\"data\":{\"k\":\"v\"}}");
        assertThat(unpack(WireCodec.encodeRead(new TokenRead(data, 30L, null))))
                .isEqualTo("{\"metadata\":{\"ttl\":30},\"data\":{\"k\":\"v\"}}");
        assertThat(unpack(WireCodec.encodeRead(new TokenRead(data, 30L, 2L))))
                .isEqualTo("{\"metadata\":{\"ttl\":30,\"silence_read\":2},\"data\":{\"k\":\"v\"}}");
    }

    @Test
    void decodeReadRoundTripsEncodeRead() {
        Map<String, Object> data = JsonCodec.normalize(Map.of("k", List.of(1, 2.5, "x")));
        TokenRead read = new TokenRead(data, 12L, 3L);

        assertThat(WireCodec.decodeRead(WireCodec.encodeRead(read))).isEqualTo(read);
        assertThat(WireCodec.decodeRead(WireCodec.encodeRead(new TokenRead(data, null, 0L))))
                .isEqualTo(new TokenRead(data, null, 0L));
    }

    @Test
    void decodeReadTreatsNilEmptyMapAndEmptyBytesAsAbsent() {
        assertThat(WireCodec.decodeRead(raw(0xC0))).isNull();
        assertThat(WireCodec.decodeRead(raw(0x80))).isNull();
        assertThat(WireCodec.decodeRead(ByteString.EMPTY)).isNull();
    }

    @Test
    void decodeReadRejectsResultsWithoutData() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeRead(raw(0x81, 0xA1, 'x', 0x01)))
                .withMessage("read result has no 'data' map");
        assertThatIllegalArgumentException().isThrownBy(() -> WireCodec.decodeRead(raw(0x07)))
                .withMessage("read result must be a MessagePack map, found an integer");
    }

    @Test
    void wireLimitsMapMinusOneAndZeroToNoLimit() {
        assertThat(WireCodec.fromWire("ttl", -1)).isNull();
        assertThat(WireCodec.fromWire("ttl", 0)).isNull();
        assertThat(WireCodec.fromWire("ttl", 30)).isEqualTo(30L);
        assertThat(WireCodec.toWire(null)).isEqualTo(-1);
        assertThat(WireCodec.toWire(30L)).isEqualTo(30);
    }

    @Test
    void wireLimitsBelowMinusOneAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> WireCodec.fromWire("ttl", -5))
                .withMessage("'ttl' must be positive, or -1 or 0 for no limit, was -5");
    }

    private static ByteString nestedArrays(int arrays) {
        byte[] bytes = new byte[arrays + 4];
        bytes[0] = (byte) 0x81;
        bytes[1] = (byte) 0xA1;
        bytes[2] = 'a';
        Arrays.fill(bytes, 3, 3 + arrays, (byte) 0x91);
        bytes[bytes.length - 1] = 0x01;
        return ByteString.copyFrom(bytes);
    }

    private static Map<String, Object> nestedJavaLists(int lists) {
        Object value = 1;
        for (int i = 0; i < lists; i++) {
            value = List.of(value);
        }
        return Map.of("a", value);
    }

    private static String inProcessMessage(Map<String, ?> data) {
        try {
            new JsonCodec(JsonCodec.MAX_DEPTH * 1024).encode(data);
        }
        catch (IllegalArgumentException ex) {
            return ex.getMessage();
        }
        throw new AssertionError("in-process encode accepted the data");
    }

    private static String unpack(ByteString packed) throws IOException {
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(packed.toByteArray())) {
            return unpacker.unpackValue().toJson();
        }
    }

    private static ByteString bytes(MessageBufferPacker packer) throws IOException {
        packer.close();
        return ByteString.copyFrom(packer.toByteArray());
    }

    private static ByteString raw(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return ByteString.copyFrom(bytes);
    }
}
