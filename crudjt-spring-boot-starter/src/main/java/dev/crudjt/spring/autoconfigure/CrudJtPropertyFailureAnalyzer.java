package dev.crudjt.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@code crudjt.*} property whose value CRUDJT does not accept, naming the property,
 * its value and where it was set, and says how to fix it.
 */
class CrudJtPropertyFailureAnalyzer extends AbstractFailureAnalyzer<CrudJtPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CrudJtPropertyException cause) {
        return new FailureAnalysis(cause.getMessage() + ".", cause.getAction(), cause);
    }
}
