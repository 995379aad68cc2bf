package dev.crudjt.spring.autoconfigure;

import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtMaster;
import dev.crudjt.TokenRead;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Times every operation of a store in the {@value #OPERATIONS} timer, tagged with the
 * operation and its outcome, and reports the token count of a master in the {@value #TOKENS}
 * gauge.
 *
 * <p>Outcomes are {@code success}, {@code absent} (read, update or delete of a token that is
 * not live) and {@code error} (an exception, rethrown unchanged).
 */
final class MeteredCrudJt implements CrudJt {

    static final String OPERATIONS = "crudjt.operations";

    static final String TOKENS = "crudjt.tokens";

    private static final String[] NAMES = {"create", "read", "update", "delete"};

    private static final int CREATE = 0;

    private static final int READ = 1;

    private static final int UPDATE = 2;

    private static final int DELETE = 3;

    private static final String[] OUTCOMES = {"success", "absent", "error"};

    private static final int SUCCESS = 0;

    private static final int ABSENT = 1;

    private static final int ERROR = 2;

    private final CrudJt delegate;

    private final MeterRegistry registry;

    private final Timer[][] timers = new Timer[NAMES.length][OUTCOMES.length];

    MeteredCrudJt(CrudJt delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
        for (int operation = 0; operation < NAMES.length; operation++) {
            for (int outcome = 0; outcome < OUTCOMES.length; outcome++) {
                this.timers[operation][outcome] = Timer.builder(OPERATIONS)
                        .description("CRUDJT operations")
                        .tag("operation", NAMES[operation])
                        .tag("outcome", OUTCOMES[outcome])
                        .register(registry);
            }
        }
        if (delegate instanceof CrudJtMaster master) {
            Gauge.builder(TOKENS, master, MeteredCrudJt::tokenCount)
                    .description("Tokens in the store, counting expired ones not yet swept")
                    .register(registry);
        }
    }

    private static double tokenCount(CrudJtMaster master) {
        return master.isOpen() ? master.tokenCount() : Double.NaN;
    }

    @Override
    public String create(Map<String, ?> data, @Nullable Long ttl, @Nullable Long silenceRead) {
        return time(CREATE, () -> this.delegate.create(data, ttl, silenceRead), (token) -> true);
    }

    @Override
    public @Nullable TokenRead read(String token) {
        return time(READ, () -> this.delegate.read(token), Objects::nonNull);
    }

    @Override
    public boolean update(String token, Map<String, ?> data, @Nullable Long ttl,
            @Nullable Long silenceRead) {
        return time(UPDATE, () -> this.delegate.update(token, data, ttl, silenceRead),
                Boolean::booleanValue);
    }

    @Override
    public boolean delete(String token) {
        return time(DELETE, () -> this.delegate.delete(token), Boolean::booleanValue);
    }

    private <T> T time(int operation, Supplier<T> call, Predicate<T> found) {
        Timer.Sample sample = Timer.start(this.registry);
        T result;
        try {
            result = call.get();
        }
        catch (RuntimeException ex) {
            sample.stop(this.timers[operation][ERROR]);
            throw ex;
        }
        sample.stop(this.timers[operation][found.test(result) ? SUCCESS : ABSENT]);
        return result;
    }

    @Override
    public void close() {
        this.delegate.close();
    }

    @Override
    public String toString() {
        return "MeteredCrudJt{" + this.delegate + "}";
    }
}
