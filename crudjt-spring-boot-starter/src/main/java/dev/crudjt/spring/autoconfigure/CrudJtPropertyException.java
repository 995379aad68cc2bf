package dev.crudjt.spring.autoconfigure;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up when a {@code crudjt.*} property has a value that CRUDJT does not accept.
 * It names the property, its value as set and where it was set, so that failure analysis can
 * say what to change. The secret key is never reported this way.
 *
 * @since 0.1.0
 */
public class CrudJtPropertyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The property, such as {@code crudjt.store.commit-interval}. */
    private final String property;

    /** The value as set, such as {@code 0}. */
    private final String value;

    /** Where the value was set, or null when unknown. */
    private final @Nullable String origin;

    /** The rule the value broke. */
    private final String rule;

    /** How to fix the value. */
    private final String action;

    /**
     * Creates an exception.
     *
     * @param property the property, such as {@code crudjt.store.commit-interval}
     * @param value the value as set, such as {@code 0}; never a secret
     * @param origin where the value was set, such as {@code the command line}, or null when
     *     unknown
     * @param rule the rule the value broke, such as {@code it must be a positive duration}
     * @param action how to fix the value, naming the property
     * @param cause the failure reported by CRUDJT, or null
     */
    public CrudJtPropertyException(String property, String value, @Nullable String origin,
            String rule, String action, @Nullable Throwable cause) {
        super("Invalid value '" + value + "' for the CRUDJT property '" + property + "'"
                + ((origin != null) ? " (from " + origin + ")" : "") + ": " + rule, cause);
        this.property = Objects.requireNonNull(property, "'property' must not be null");
        this.value = Objects.requireNonNull(value, "'value' must not be null");
        this.origin = origin;
        this.rule = Objects.requireNonNull(rule, "'rule' must not be null");
        this.action = Objects.requireNonNull(action, "'action' must not be null");
    }

    /**
     * Returns the property whose value is not accepted.
     *
     * @return the property, such as {@code crudjt.store.commit-interval}
     */
    public String getProperty() {
        return this.property;
    }

    /**
     * Returns the value as set, before conversion when the environment still has it.
     *
     * @return the value, such as {@code 0}
     */
    public String getValue() {
        return this.value;
    }

    /**
     * Returns where the value was set.
     *
     * @return the origin, such as {@code environment variable CRUDJT_STORE_CACHESIZE}, or null
     *     when unknown
     */
    public @Nullable String getOrigin() {
        return this.origin;
    }

    /**
     * Returns the rule that the value broke.
     *
     * @return the rule, such as {@code it must be a positive duration}
     */
    public String getRule() {
        return this.rule;
    }

    /**
     * Returns how to fix the value.
     *
     * @return the action, naming the property
     */
    public String getAction() {
        return this.action;
    }
}
