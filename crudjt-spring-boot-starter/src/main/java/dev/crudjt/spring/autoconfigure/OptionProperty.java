package dev.crudjt.spring.autoconfigure;

import java.net.UnknownHostException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The one place that maps each option of {@link dev.crudjt.MasterOptions} and
 * {@link dev.crudjt.ClientOptions} to the {@code crudjt.*} property that sets it, with the rule
 * that a rejected value broke and how to fix it, both in property terms.
 *
 * <p>The core names the rejected option first in its message, in quotes, as in
 * {@code 'commitInterval' must be a positive duration, was PT0S}; that name selects the
 * constant. Where one option can fail in more than one way, the constants of that option are
 * told apart by the exception and tried in their declaration order. The secret key is not
 * mapped: its failures are {@link CrudJtKeyException}s, which never show the key.
 */
enum OptionProperty {

    STORE_COMMIT_INTERVAL("commitInterval", "crudjt.store.commit-interval",
            (properties) -> properties.getStore().getCommitInterval(),
            "it must be a positive duration",
            "Set 'crudjt.store.commit-interval' to a positive duration such as 500ms."),

    STORE_SWEEP_INTERVAL("sweepInterval", "crudjt.store.sweep-interval",
            (properties) -> properties.getStore().getSweepInterval(),
            "it must be a positive duration",
            "Set 'crudjt.store.sweep-interval' to a positive duration such as 24h."),

    STORE_CACHE_SIZE("cacheSize", "crudjt.store.cache-size",
            (properties) -> properties.getStore().getCacheSize(),
            "it must be zero or more",
            "Set 'crudjt.store.cache-size' to the number of tokens to keep in memory, such as "
                    + "50000, or to 0 to turn the cache off."),

    STORE_MAX_DATA_SIZE("maxDataSize", "crudjt.store.max-data-size",
            (properties) -> properties.getStore().getMaxDataSize(),
            "it must be from 2 to 65536 bytes (64KB)",
            "Set 'crudjt.store.max-data-size' to a size from 2B to 64KB, such as 256B."),

    STORE_DURABILITY("durability", "crudjt.store.durability",
            (properties) -> properties.getStore().getDurability(),
            "it must be set",
            "Set 'crudjt.store.durability' to 'interval' or 'sync'."),

    GRPC_HOST_UNRESOLVABLE("grpcHost", "crudjt.grpc.host",
            (properties) -> properties.getGrpc().getHost(),
            (failure) -> failure.getCause() instanceof UnknownHostException,
            "it cannot be resolved to an address",
            "Set 'crudjt.grpc.host' to a host name that this machine can resolve, or to an IP "
                    + "address such as 127.0.0.1."),

    GRPC_HOST_NOT_LOOPBACK("grpcHost", "crudjt.grpc.host",
            (properties) -> properties.getGrpc().getHost(),
            (failure) -> String.valueOf(failure.getMessage()).contains("not a loopback"),
            "it is not a loopback address, and a master binds one only when "
                    + "'crudjt.grpc.allow-remote' is true: the CRUDJT protocol is "
                    + "unauthenticated plaintext, so anyone who reaches the port can read and "
                    + "write every token",
            "Set 'crudjt.grpc.host' to a loopback address such as 127.0.0.1, or, only if the "
                    + "network is trusted, set 'crudjt.grpc.allow-remote=true' as well."),

    GRPC_HOST_BLANK("grpcHost", "crudjt.grpc.host",
            (properties) -> properties.getGrpc().getHost(),
            (failure) -> String.valueOf(failure.getMessage()).contains("blank"),
            "it must not be blank",
            "Set 'crudjt.grpc.host' to a host name or an IP address, such as 127.0.0.1."),

    GRPC_PORT("grpcPort", "crudjt.grpc.port",
            (properties) -> properties.getGrpc().getPort(),
            "it must be a port from 1 to 65535, or 0 for a master to pick a free one",
            "Set 'crudjt.grpc.port' to the same port from 1 to 65535, such as 50051, in the "
                    + "master and its clients."),

    CLIENT_TIMEOUT("timeout", "crudjt.client.timeout",
            (properties) -> properties.getClient().getTimeout(),
            "it must be a positive duration",
            "Set 'crudjt.client.timeout' to a positive duration such as 5s."),

    CLIENT_CONNECT_TIMEOUT("connectTimeout", "crudjt.client.connect-timeout",
            (properties) -> properties.getClient().getConnectTimeout(),
            "it must be a positive duration",
            "Set 'crudjt.client.connect-timeout' to a positive duration such as 10s.");

    private final String option;

    private final String property;

    private final Function<CrudJtProperties, @Nullable Object> boundValue;

    private final Predicate<IllegalArgumentException> failure;

    private final String rule;

    private final String action;

    OptionProperty(String option, String property,
            Function<CrudJtProperties, @Nullable Object> boundValue, String rule,
            String action) {
        this(option, property, boundValue, (failure) -> true, rule, action);
    }

    OptionProperty(String option, String property,
            Function<CrudJtProperties, @Nullable Object> boundValue,
            Predicate<IllegalArgumentException> failure, String rule, String action) {
        this.option = option;
        this.property = property;
        this.boundValue = boundValue;
        this.failure = failure;
        this.rule = rule;
        this.action = action;
    }

    /**
     * Finds the property behind an option that the core rejected.
     *
     * @param failure the exception of the core, naming the option first and in quotes
     * @return the property, or null when the option is not one that a property sets
     */
    static @Nullable OptionProperty of(IllegalArgumentException failure) {
        String option = rejectedOption(failure);
        for (OptionProperty candidate : values()) {
            if (candidate.option.equals(option) && candidate.failure.test(failure)) {
                return candidate;
            }
        }
        return null;
    }

    private static @Nullable String rejectedOption(IllegalArgumentException failure) {
        String message = failure.getMessage();
        if (message == null || !message.startsWith("'")) {
            return null;
        }
        int end = message.indexOf('\'', 1);
        return (end > 1) ? message.substring(1, end) : null;
    }

    /**
     * Returns the name of the property, such as {@code crudjt.store.commit-interval}.
     *
     * @return the property name
     */
    String property() {
        return this.property;
    }

    /**
     * Returns the value of the property after binding.
     *
     * @param properties the bound properties
     * @return the value, or null when unset
     */
    @Nullable Object boundValue(CrudJtProperties properties) {
        return this.boundValue.apply(properties);
    }

    /**
     * Returns the rule that the value broke, such as {@code it must be zero or more}.
     *
     * @return the rule, in property terms
     */
    String rule() {
        return this.rule;
    }

    /**
     * Returns how to fix the value, naming the property.
     *
     * @return the action
     */
    String action() {
        return this.action;
    }
}
