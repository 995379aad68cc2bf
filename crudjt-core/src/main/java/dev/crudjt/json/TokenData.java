package dev.crudjt.json;

import java.util.Map;

/**
 * Token data that passed every check: an unmodifiable, normalised copy of the caller's map and
 * its compact UTF-8 JSON form. Internal API: not supported for use outside CRUDJT.
 *
 * @param map the unmodifiable data, with integral numbers as Integer or Long and fractions as
 *     Double
 * @param json the compact UTF-8 JSON form of {@code map}; never modify it
 * @since 0.1.0
 */
public record TokenData(Map<String, Object> map, byte[] json) {
}
