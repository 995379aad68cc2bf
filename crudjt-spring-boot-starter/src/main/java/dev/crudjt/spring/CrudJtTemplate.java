package dev.crudjt.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.MapType;
import dev.crudjt.CrudJt;
import dev.crudjt.TokenRead;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Stores typed objects as CRUDJT token data: records, POJOs and maps are converted to and from
 * the token's JSON object with a Jackson {@link ObjectMapper}.
 *
 * <p>Every call goes to the {@link CrudJt} given at construction, a master in this process or a
 * client of the master, with the semantics described there: {@code ttl} limits the life of a
 * token and {@code silenceRead} the number of reads, and null means no limit. A missing,
 * expired or used-up token is a normal result (null or false), never an exception.
 *
 * <p>Overloads that take a limit come in a {@link Duration} and a seconds form; pass a typed
 * null, such as {@code (Duration) null}, to leave the time to live unlimited in them.
 *
 * <p>Instances are thread-safe when the object mapper is not reconfigured after construction.
 *
 * @since 0.1.0
 */
public class CrudJtTemplate {

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    private final CrudJt crudJt;

    private final ObjectMapper objectMapper;

    private final MapType mapType;

    /**
     * Creates a template.
     *
     * @param crudJt the store to call
     * @param objectMapper the Jackson 2 mapper that converts objects to and from token data
     */
    public CrudJtTemplate(CrudJt crudJt, ObjectMapper objectMapper) {
        this.crudJt = Objects.requireNonNull(crudJt, "'crudJt' must not be null");
        this.objectMapper = Objects.requireNonNull(objectMapper,
                "'objectMapper' must not be null");
        this.mapType = objectMapper.getTypeFactory()
                .constructMapType(LinkedHashMap.class, String.class, Object.class);
    }

    /**
     * Stores an object under a new token that never expires and can be read any number of
     * times.
     *
     * @param data a record, POJO or map that serialises to a JSON object
     * @return the new token
     * @throws IllegalArgumentException when the data does not serialise to a JSON object or is
     *     over the size limit
     * @throws IllegalStateException when the store is closed
     * @throws dev.crudjt.CrudJtException when the store or the link to the master fails
     */
    public String create(Object data) {
        return this.crudJt.create(toData(data), null, null);
    }

    /**
     * Stores an object under a new token with optional limits.
     *
     * @param data a record, POJO or map that serialises to a JSON object
     * @param ttl time to live, at least one second and rounded up to whole seconds, or null for
     *     no expiry
     * @param silenceRead number of reads allowed, at least 1, or null for unlimited reads
     * @return the new token
     * @throws IllegalArgumentException when the data or a limit is not allowed
     * @throws IllegalStateException when the store is closed
     * @throws dev.crudjt.CrudJtException when the store or the link to the master fails
     */
    public String create(Object data, @Nullable Duration ttl, @Nullable Long silenceRead) {
        return this.crudJt.create(toData(data), toSeconds(ttl), silenceRead);
    }

    /**
     * Stores an object under a new token with optional limits.
     *
     * @param data a record, POJO or map that serialises to a JSON object
     * @param ttlSeconds seconds to live, at least 1, or null for no expiry
     * @param silenceRead number of reads allowed, at least 1, or null for unlimited reads
     * @return the new token
     * @throws IllegalArgumentException when the data or a limit is not allowed
     * @throws IllegalStateException when the store is closed
     * @throws dev.crudjt.CrudJtException when the store or the link to the master fails
     */
    public String create(Object data, @Nullable Long ttlSeconds, @Nullable Long silenceRead) {
        return this.crudJt.create(toData(data), ttlSeconds, silenceRead);
    }

    /**
     * Reads a token, consuming one read when it has a read limit.
     *
     * @param token the token
     * @return the data and remaining limits, or null if the token is absent, expired or used up
     * @throws IllegalArgumentException when the token is blank
     * @throws IllegalStateException when the store is closed
     * @throws dev.crudjt.CrudJtException when the store or the link to the master fails
     */
    public @Nullable TokenRead read(String token) {
        return this.crudJt.read(token);
    }

    /**
     * Reads a token, consuming one read when it has a read limit, and converts its data.
     *
     * @param <T> the type to convert to
     * @param token the token
     * @param type the type to convert the data to, such as a record
     * @return the converted data, or null if the token is absent, expired or used up
     * @throws IllegalArgumentException when the token is blank or its data cannot be converted
     *     to the type
     * @throws IllegalStateException when the store is closed
     * @throws dev.crudjt.CrudJtException when the store or the link to the master fails
     */
    public <T> @Nullable T read(String token, Class<T> type) {
        Objects.requireNonNull(type, "'type' must not be null");
        TokenRead read = this.crudJt.read(token);
        if (read == null) {
            return null;
        }
        try {
            return this.objectMapper.convertValue(read.data(), type);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(
                    "Token data cannot be converted to " + type.getName(), ex);
        }
    }

    /**
     * Replaces the data of a live token and removes both of its limits.
     *
     * @param token the token
     * @param data a record, POJO or map that serialises to a JSON object
     * @return true if the token was live and now holds the data, false if it was absent
     * @throws IllegalArgumentException when the token is blank or the data is not allowed
     * @throws IllegalStateException when the store is closed
     * @throws dev.crudjt.CrudJtException when the store or the link to the master fails
     */
    public boolean update(String token, Object data) {
        return this.crudJt.update(token, toData(data), null, null);
    }

    /**
     * Replaces the data and both limits of a live token; a null limit removes that limit.
     *
     * @param token the token
     * @param data a record, POJO or map that serialises to a JSON object
     * @param ttl new time to live, at least one second and rounded up to whole seconds, or null
     *     for no expiry
     * @param silenceRead new number of reads allowed, at least 1, or null for unlimited reads
     * @return true if the token was live and now holds the data, false if it was absent
     * @throws IllegalArgumentException when the token, the data or a limit is not allowed
     * @throws IllegalStateException when the store is closed
     * @throws dev.crudjt.CrudJtException when the store or the link to the master fails
     */
    public boolean update(String token, Object data, @Nullable Duration ttl,
            @Nullable Long silenceRead) {
        return this.crudJt.update(token, toData(data), toSeconds(ttl), silenceRead);
    }

    /**
     * Replaces the data and both limits of a live token; a null limit removes that limit.
     *
     * @param token the token
     * @param data a record, POJO or map that serialises to a JSON object
     * @param ttlSeconds new seconds to live, at least 1, or null for no expiry
     * @param silenceRead new number of reads allowed, at least 1, or null for unlimited reads
     * @return true if the token was live and now holds the data, false if it was absent
     * @throws IllegalArgumentException when the token, the data or a limit is not allowed
     * @throws IllegalStateException when the store is closed
     * @throws dev.crudjt.CrudJtException when the store or the link to the master fails
     */
    public boolean update(String token, Object data, @Nullable Long ttlSeconds,
            @Nullable Long silenceRead) {
        return this.crudJt.update(token, toData(data), ttlSeconds, silenceRead);
    }

    /**
     * Removes a token.
     *
     * @param token the token
     * @return true if a live token was removed, false if it was absent
     * @throws IllegalArgumentException when the token is blank
     * @throws IllegalStateException when the store is closed
     * @throws dev.crudjt.CrudJtException when the store or the link to the master fails
     */
    public boolean delete(String token) {
        return this.crudJt.delete(token);
    }

    /**
     * Returns the store this template calls.
     *
     * @return the store
     */
    public CrudJt getCrudJt() {
        return this.crudJt;
    }

    private Map<String, Object> toData(@Nullable Object data) {
        if (data == null) {
            throw new IllegalArgumentException("'data' must not be null");
        }
        JsonNode tree;
        try {
            tree = this.objectMapper.valueToTree(data);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("'data' of type " + data.getClass().getName()
                    + " cannot be written as JSON", ex);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("'data' must serialise to a JSON object, but "
                    + data.getClass().getName() + " serialises to "
                    + ((tree != null) ? tree.getNodeType() : "nothing"));
        }
        return this.objectMapper.convertValue(tree, this.mapType);
    }

    private static @Nullable Long toSeconds(@Nullable Duration ttl) {
        if (ttl == null) {
            return null;
        }
        if (ttl.compareTo(ONE_SECOND) < 0) {
            throw new IllegalArgumentException("'ttl' must be at least 1 second, was " + ttl);
        }
        long seconds = ttl.getSeconds();
        return (ttl.getNano() > 0 && seconds < Long.MAX_VALUE) ? seconds + 1 : seconds;
    }
}
