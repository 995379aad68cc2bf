package dev.crudjt.grpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.crudjt.TokenRead;
import dev.crudjt.json.JsonCodec;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.jackson.dataformat.MessagePackFactory;
import org.msgpack.value.ValueType;

/**
 * Converts token data, read results and limits between their Java form and the form they take
 * in the {@code TokenService} messages. Internal API: not supported for use outside CRUDJT.
 *
 * <p>Data and read results travel as MessagePack. Writing goes through one shared Jackson
 * mapper over {@link MessagePackFactory}. Reading walks the bytes with msgpack-core's
 * {@link MessageUnpacker}, the reader under that factory, because Jackson's MessagePack parser
 * turns integer, boolean and binary map keys into strings without a trace and does not enforce
 * a nesting limit; reading directly lets every key type be checked and every container be
 * bounded by the bytes that are actually there.
 *
 * <p>Decoded values have the types of in-process data: integers that fit 32 bits are
 * {@link Integer}, other integers {@link Long}, floats {@link Double} (a 32-bit float keeps its
 * shortest decimal form), and maps and lists are unmodifiable. Binary and extension values,
 * non-string keys, integers outside the signed 64-bit range, invalid UTF-8, nesting deeper than
 * {@link JsonCodec#MAX_DEPTH} and trailing bytes are rejected with an
 * {@link IllegalArgumentException} that says what was found. All methods are thread-safe.
 *
 * @since 0.1.0
 */
public final class WireCodec {

    /** Wire value of a limit that is not set. */
    public static final long NO_LIMIT = -1;

    /** MessagePack nil: the read result of an absent token. */
    public static final ByteString ABSENT = ByteString.copyFrom(new byte[] {(byte) 0xC0});

    private static final ObjectWriter WRITER = new ObjectMapper(new MessagePackFactory()).writer();

    private static final MessagePack.UnpackerConfig UNPACKER_CONFIG =
            new MessagePack.UnpackerConfig();

    private WireCodec() {
    }

    /**
     * Decodes the {@code packed_data} of a create or update request into a map to be checked
     * with {@link JsonCodec#encode(Map)}.
     *
     * @param packed MessagePack of a map with string keys
     * @return the unmodifiable data
     * @throws IllegalArgumentException when the bytes are empty, not MessagePack, not a map, or
     *     hold a value that token data cannot hold
     */
    public static Map<String, Object> decodeData(ByteString packed) {
        if (packed.isEmpty()) {
            throw new IllegalArgumentException(
                    "'data' is empty: expected the MessagePack of a map with string keys");
        }
        Object root = new Reader(packed, JsonCodec.MAX_DEPTH).readRoot();
        if (root == null) {
            throw new IllegalArgumentException("'data' must not be null");
        }
        if (!(root instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("'data' must be a MessagePack map with string "
                    + "keys, found " + describe(root));
        }
        return castMap(root);
    }

    /**
     * Encodes checked token data as a MessagePack map.
     *
     * @param data data normalised by {@link JsonCodec#normalize(Map)}
     * @return the MessagePack bytes
     */
    public static ByteString encodeData(Map<String, ?> data) {
        return write(data);
    }

    /**
     * Encodes a read result in the shape every CRUDJT SDK reads:
     * {@code {"metadata": {"ttl": n, "silence_read": n}, "data": {...}}}, with the omissions of
     * {@link TokenRead#toMap()}, or nil when the token is absent.
     *
     * @param read the read result, or null when the token is absent
     * @return the MessagePack bytes
     */
    public static ByteString encodeRead(@Nullable TokenRead read) {
        return (read == null) ? ABSENT : write(read.toMap());
    }

    /**
     * Decodes the {@code packed_data} of a read response. Nil, an empty map and empty bytes all
     * mean that the token is absent.
     *
     * @param packed the MessagePack bytes sent by a master
     * @return the read result, or null when the token is absent
     * @throws IllegalArgumentException when the bytes are not a read result
     */
    public static @Nullable TokenRead decodeRead(ByteString packed) {
        if (packed.isEmpty()) {
            return null;
        }
        Object root = new Reader(packed, JsonCodec.MAX_DEPTH + 1).readRoot();
        if (root == null) {
            return null;
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(
                    "read result must be a MessagePack map, found " + describe(root));
        }
        if (map.isEmpty()) {
            return null;
        }
        if (!(map.get("data") instanceof Map<?, ?> data)) {
            throw new IllegalArgumentException("read result has no 'data' map");
        }
        Object metadata = map.get("metadata");
        if (metadata == null) {
            return new TokenRead(castMap(data), null, null);
        }
        if (!(metadata instanceof Map<?, ?> limits)) {
            throw new IllegalArgumentException(
                    "read result 'metadata' must be a map, found " + describe(metadata));
        }
        return new TokenRead(castMap(data), readLimit(limits, "ttl"),
                readLimit(limits, "silence_read"));
    }

    /**
     * Converts an optional limit to its wire value.
     *
     * @param limit a limit of at least 1, or null when not set
     * @return the limit, or {@value #NO_LIMIT} when it is null
     */
    public static long toWire(@Nullable Long limit) {
        return (limit == null) ? NO_LIMIT : limit;
    }

    /**
     * Converts a wire limit to its Java value.
     *
     * @param name the field name, for the error message
     * @param value -1 or 0 for no limit, or a positive limit
     * @return the limit, or null when not set
     * @throws IllegalArgumentException when the value is below -1
     */
    public static @Nullable Long fromWire(String name, long value) {
        if (value > 0) {
            return value;
        }
        if (value == 0 || value == NO_LIMIT) {
            return null;
        }
        throw new IllegalArgumentException("'" + name + "' must be positive, or -1 or 0 for no "
                + "limit, was " + value);
    }

    private static @Nullable Long readLimit(Map<?, ?> limits, String key) {
        Object value = limits.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long) {
            long limit = ((Number) value).longValue();
            return (limit >= 0) ? limit : null;
        }
        throw new IllegalArgumentException(
                "read result '" + key + "' must be an integer, found " + describe(value));
    }

    private static ByteString write(Object value) {
        try {
            return UnsafeByteOperations.unsafeWrap(WRITER.writeValueAsBytes(value));
        }
        catch (JsonProcessingException ex) {
            throw new IllegalArgumentException(
                    "value cannot be written as MessagePack: " + ex.getOriginalMessage(), ex);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object map) {
        return (Map<String, Object>) map;
    }

    private static String describe(Object value) {
        if (value instanceof List<?>) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Double) {
            return "a float";
        }
        return (value instanceof Number) ? "an integer" : "a map";
    }

    /** One pass over one MessagePack value; not thread-safe, used for a single decode. */
    private static final class Reader {

        private final MessageUnpacker unpacker;

        private final long length;

        private final int maxDepth;

        private @Nullable CharsetDecoder utf8;

        Reader(ByteString packed, int maxDepth) {
            this.unpacker = UNPACKER_CONFIG.newUnpacker(packed.toByteArray());
            this.length = packed.size();
            this.maxDepth = maxDepth;
        }

        @Nullable Object readRoot() {
            try {
                Object root = readValue("", 0);
                long trailing = this.length - this.unpacker.getTotalReadBytes();
                if (trailing > 0) {
                    throw new IllegalArgumentException("'data' is followed by " + trailing
                            + " trailing bytes after its MessagePack value");
                }
                return root;
            }
            catch (MessageInsufficientBufferException ex) {
                throw truncated(ex);
            }
            catch (IOException | MessagePackException ex) {
                String reason = (ex.getMessage() != null) ? ex.getMessage()
                        : ex.getClass().getSimpleName();
                throw new IllegalArgumentException(
                        "'data' is not valid MessagePack: " + reason, ex);
            }
        }

        private @Nullable Object readValue(String key, int parentDepth) throws IOException {
            MessageFormat format = this.unpacker.getNextFormat();
            switch (format) {
                case NIL:
                    this.unpacker.unpackNil();
                    return null;
                case BOOLEAN:
                    return this.unpacker.unpackBoolean();
                case POSFIXINT, NEGFIXINT, INT8, INT16, INT32, UINT8, UINT16:
                    return this.unpacker.unpackInt();
                case UINT32, INT64:
                    return normalizeLong(this.unpacker.unpackLong());
                case UINT64:
                    return readUnsignedLong(key);
                case FLOAT32:
                    return requireFinite(key,
                            Double.parseDouble(Float.toString(this.unpacker.unpackFloat())));
                case FLOAT64:
                    return requireFinite(key, this.unpacker.unpackDouble());
                case FIXSTR, STR8, STR16, STR32:
                    return readString();
                case FIXARRAY, ARRAY16, ARRAY32:
                    return readArray(key, parentDepth + 1);
                case FIXMAP, MAP16, MAP32:
                    return readMap(parentDepth + 1);
                case BIN8, BIN16, BIN32:
                    throw unsupported(key, "MessagePack binary data");
                case NEVER_USED:
                    throw new IllegalArgumentException("'data' is not valid MessagePack: byte "
                            + "0xC1 at offset " + this.unpacker.getTotalReadBytes()
                            + " is never used");
                default:
                    throw unsupported(key, "a MessagePack extension value");
            }
        }

        private Object readUnsignedLong(String key) throws IOException {
            BigInteger value = this.unpacker.unpackBigInteger();
            if (value.bitLength() > 63) {
                throw new IllegalArgumentException("'data' value at key '" + key + "' is "
                        + value + ", outside the signed 64-bit integer range");
            }
            return normalizeLong(value.longValue());
        }

        private Map<String, Object> readMap(int depth) throws IOException {
            if (depth > this.maxDepth) {
                throw tooDeep();
            }
            int size = this.unpacker.unpackMapHeader();
            requireAvailable(2L * size);
            Map<String, Object> map = new LinkedHashMap<>(Math.max(4, size * 4 / 3 + 1));
            for (int i = 0; i < size; i++) {
                MessageFormat format = this.unpacker.getNextFormat();
                ValueType type = format.getValueType();
                if (type != ValueType.STRING) {
                    throw new IllegalArgumentException("'data' keys must be strings, found a "
                            + "MessagePack " + type.name().toLowerCase(Locale.ROOT));
                }
                String key = readString();
                map.put(key, readValue(key, depth));
            }
            return Collections.unmodifiableMap(map);
        }

        private List<Object> readArray(String key, int depth) throws IOException {
            if (depth > this.maxDepth) {
                throw tooDeep();
            }
            int size = this.unpacker.unpackArrayHeader();
            requireAvailable(size);
            List<Object> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(readValue(key, depth));
            }
            return Collections.unmodifiableList(list);
        }

        private String readString() throws IOException {
            int size = this.unpacker.unpackRawStringHeader();
            requireAvailable(size);
            byte[] bytes = this.unpacker.readPayload(size);
            for (byte b : bytes) {
                if (b < 0) {
                    return decodeUtf8(bytes);
                }
            }
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }

        private String decodeUtf8(byte[] bytes) {
            if (this.utf8 == null) {
                this.utf8 = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
            }
            try {
                return this.utf8.decode(ByteBuffer.wrap(bytes)).toString();
            }
            catch (CharacterCodingException ex) {
                throw new IllegalArgumentException(
                        "'data' holds a MessagePack string that is not valid UTF-8", ex);
            }
        }

        private void requireAvailable(long bytes) {
            if (bytes > this.length - this.unpacker.getTotalReadBytes()) {
                throw truncated(null);
            }
        }

        private static IllegalArgumentException truncated(@Nullable Exception cause) {
            return new IllegalArgumentException(
                    "'data' is not valid MessagePack: it ends inside a value", cause);
        }

        private IllegalArgumentException tooDeep() {
            int dataDepth = Math.min(this.maxDepth, JsonCodec.MAX_DEPTH);
            return new IllegalArgumentException(
                    "'data' is nested deeper than " + dataDepth + " levels");
        }

        private static Object normalizeLong(long value) {
            return (value == (int) value) ? (Object) Integer.valueOf((int) value)
                    : Long.valueOf(value);
        }

        private static Double requireFinite(String key, double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("'data' value at key '" + key + "' is "
                        + value + ", but JSON numbers must be finite");
            }
            return value;
        }

        private static IllegalArgumentException unsupported(String key, String kind) {
            return new IllegalArgumentException("'data' value at key '" + key + "' is " + kind
                    + ", which is not a JSON value (use nil, a boolean, a number, a string, an "
                    + "array or a map)");
        }
    }
}
