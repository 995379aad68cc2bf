package dev.crudjt.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crudjt.json.JsonCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The token data every benchmark stores: a nested map of integers and strings whose compact
 * UTF-8 JSON form is {@value #JSON_SIZE} bytes, padded by its {@code note} field.
 */
final class Payload {

    /** Size in bytes of the compact JSON form of both payloads. */
    static final int JSON_SIZE = 252;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Payload() {
    }

    /**
     * Returns the data written by create, in normalised unmodifiable form.
     *
     * @return the first payload
     */
    static Map<String, Object> created() {
        return build(1_234_567, "admin", 42);
    }

    /**
     * Returns the data written by update: the same shape and size with other values.
     *
     * @return the second payload
     */
    static Map<String, Object> updated() {
        return build(7_654_321, "staff", 43);
    }

    /**
     * Returns the compact UTF-8 JSON form of data, as Jackson writes it.
     *
     * @param data the data
     * @return the JSON bytes
     */
    static byte[] json(Map<String, Object> data) {
        try {
            return MAPPER.writeValueAsBytes(data);
        }
        catch (JsonProcessingException ex) {
            throw new IllegalStateException("Payload cannot be written as JSON", ex);
        }
    }

    private static Map<String, Object> build(int userId, String role, int logins) {
        Map<String, Object> data = shape(userId, role, logins, "");
        int padding = JSON_SIZE - json(data).length;
        if (padding < 0) {
            throw new IllegalStateException("Payload is " + json(data).length + " bytes before "
                    + "padding, over " + JSON_SIZE);
        }
        data = shape(userId, role, logins, "n".repeat(padding));
        int size = json(data).length;
        if (size != JSON_SIZE) {
            throw new IllegalStateException("Payload is " + size + " bytes, not " + JSON_SIZE);
        }
        return JsonCodec.normalize(data);
    }

    private static Map<String, Object> shape(int userId, String role, int logins, String note) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("name", "Alice Example");
        profile.put("email", "alice@example.com");
        profile.put("locale", "en-GB");
        profile.put("age", 34);
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("logins", logins);
        counters.put("failures", 0);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", userId);
        data.put("role", role);
        data.put("session", "s-3f9a1c7e5b2d4a6f8e0c");
        data.put("profile", profile);
        data.put("scopes", List.of("read", "write", "admin"));
        data.put("counters", counters);
        data.put("note", note);
        return data;
    }
}
