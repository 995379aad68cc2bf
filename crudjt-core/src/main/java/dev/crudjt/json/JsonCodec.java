package dev.crudjt.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks token data, normalises it to JSON types and converts it to and from compact UTF-8
 * JSON with Jackson. Internal API: not supported for use outside CRUDJT.
 *
 * <p>Allowed values are null, booleans, strings of Unicode text (no unpaired surrogates),
 * integers within the signed 64-bit range,
 * finite floating-point numbers, lists (any {@link Collection}) and maps with string keys, nested
 * at most {@value #MAX_DEPTH} deep counting the root map. Instances are immutable and
 * thread-safe.
 *
 * @since 0.1.0
 */
public final class JsonCodec {

    /** Deepest nesting allowed, counting the root map as level 1. */
    public static final int MAX_DEPTH = 32;

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private static final ObjectWriter WRITER = MAPPER.writer();

    private static final ObjectReader READER = MAPPER.readerFor(Map.class);

    private final int maxDataSize;

    /**
     * Creates a codec enforcing a size limit.
     *
     * @param maxDataSize limit in bytes of the compact UTF-8 JSON form
     */
    public JsonCodec(int maxDataSize) {
        this.maxDataSize = maxDataSize;
    }

    /**
     * Returns the size limit this codec enforces.
     *
     * @return the limit in bytes
     */
    public int maxDataSize() {
        return this.maxDataSize;
    }

    /**
     * Checks data, copies it into normalised unmodifiable form and encodes it as JSON.
     *
     * @param data the caller's data; it is copied, never kept
     * @return the checked data and its JSON form
     * @throws IllegalArgumentException naming the offending key or value, or the size and the
     *     limit when the JSON form is too large
     */
    public TokenData encode(@Nullable Map<?, ?> data) {
        Map<String, Object> map = normalize(data);
        byte[] json;
        try {
            json = WRITER.writeValueAsBytes(map);
        }
        catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("'data' cannot be written as JSON: "
                    + ex.getOriginalMessage(), ex);
        }
        if (json.length > this.maxDataSize) {
            throw new IllegalArgumentException("'data' is " + json.length + " bytes as compact "
                    + "UTF-8 JSON, over the limit of " + this.maxDataSize + " bytes");
        }
        return new TokenData(map, json);
    }

    /**
     * Checks data and copies it into normalised unmodifiable form, without the size check,
     * which needs the store's limit. A client uses it to reject what {@link #encode(Map)} would
     * reject before anything is sent.
     *
     * @param data the caller's data; it is copied, never kept
     * @return the unmodifiable data, with integral numbers as Integer or Long and fractions as
     *     Double
     * @throws IllegalArgumentException naming the offending key or value
     */
    public static Map<String, Object> normalize(@Nullable Map<?, ?> data) {
        if (data == null) {
            throw new IllegalArgumentException("'data' must not be null");
        }
        return normalizeMap(data, 1);
    }

    /**
     * Decodes JSON written by {@link #encode(Map)} into unmodifiable maps and lists.
     *
     * @param json compact UTF-8 JSON of an object
     * @return the unmodifiable data
     * @throws IllegalArgumentException when the bytes are not a JSON object
     */
    public Map<String, Object> decode(byte[] json) {
        Map<?, ?> parsed;
        try {
            parsed = READER.readValue(json);
        }
        catch (IOException ex) {
            throw new IllegalArgumentException("stored data is not a JSON object", ex);
        }
        if (parsed == null) {
            throw new IllegalArgumentException("stored data is not a JSON object");
        }
        return normalizeMap(parsed, 1);
    }

    /**
     * Writes any value, typically a map from {@link dev.crudjt.TokenRead#toMap()}, as compact
     * JSON text.
     *
     * @param value the value
     * @return the JSON text
     */
    public static String toJson(@Nullable Object value) {
        try {
            return WRITER.writeValueAsString(value);
        }
        catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("value cannot be written as JSON", ex);
        }
    }

    private static Map<String, Object> normalizeMap(Map<?, ?> map, int depth) {
        if (depth > MAX_DEPTH) {
            throw tooDeep();
        }
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 4 / 3 + 1));
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("'data' keys must be strings, found "
                        + describe(entry.getKey()));
            }
            requireWellFormed(key, key, "key");
            copy.put(key, normalize(key, entry.getValue(), depth));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static List<Object> normalizeList(String key, Collection<?> list, int depth) {
        if (depth > MAX_DEPTH) {
            throw tooDeep();
        }
        List<Object> copy = new ArrayList<>(list.size());
        for (Object item : list) {
            copy.add(normalize(key, item, depth));
        }
        return Collections.unmodifiableList(copy);
    }

    private static @Nullable Object normalize(String key, @Nullable Object value, int depth) {
        if (value instanceof String text) {
            return requireWellFormed(key, text, "value");
        }
        if (value == null || value instanceof Boolean || value instanceof Integer) {
            return value;
        }
        if (value instanceof Long number) {
            long asLong = number;
            if (asLong == (int) asLong) {
                return Integer.valueOf((int) asLong);
            }
            return number;
        }
        if (value instanceof Double number) {
            return requireFinite(key, number);
        }
        if (value instanceof Map<?, ?> map) {
            return normalizeMap(map, depth + 1);
        }
        if (value instanceof Collection<?> list) {
            return normalizeList(key, list, depth + 1);
        }
        return normalizeOther(key, value);
    }

    private static Object normalizeOther(String key, Object value) {
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Float number) {
            return requireFinite(key, Double.parseDouble(Float.toString(number)));
        }
        if (value instanceof BigInteger number) {
            if (number.compareTo(LONG_MIN) < 0 || number.compareTo(LONG_MAX) > 0) {
                throw new IllegalArgumentException("'data' value at key '" + key + "' is "
                        + number + ", outside the signed 64-bit integer range");
            }
            return normalize(key, number.longValue(), 0);
        }
        if (value instanceof BigDecimal number) {
            return requireFinite(key, number.doubleValue());
        }
        throw new IllegalArgumentException("'data' value at key '" + key + "' is "
                + describe(value) + ", which is not a JSON value (use null, a boolean, a number,"
                + " a string, a list or a map)");
    }

    /**
     * Rejects a string with an unpaired UTF-16 surrogate: UTF-8, and so MessagePack, cannot carry
     * it, and the wire would turn it into '?' without a trace.
     */
    private static String requireWellFormed(String key, String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            }
            else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("'data' " + what + " at key '"
                        + printable(key) + "' holds an unpaired UTF-16 surrogate at index " + i
                        + ", which is not Unicode text");
            }
        }
        return text;
    }

    private static String printable(String key) {
        StringBuilder text = new StringBuilder(key.length());
        key.chars().forEach((c) -> text.append(Character.isSurrogate((char) c) ? '?' : (char) c));
        return text.toString();
    }

    private static Double requireFinite(String key, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("'data' value at key '" + key + "' is " + value
                    + ", but JSON numbers must be finite");
        }
        return value;
    }

    private static IllegalArgumentException tooDeep() {
        return new IllegalArgumentException(
                "'data' is nested deeper than " + MAX_DEPTH + " levels");
    }

    private static String describe(@Nullable Object value) {
        return (value == null) ? "null" : "a " + value.getClass().getName();
    }
}
