package io.github.relayllm.core.tokenizer;

import java.util.Arrays;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Skips a jqwik container when {@code ../shared} lacks the oracle vocabularies. jqwik would count an
 * assumption failing in every try as an exhausted property, not a skipped one.
 */
public class RequiresOracleVocabularies implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        return Arrays.stream(OracleVocabularies.values()).allMatch(OracleVocabularies::isAvailable)
                ? SkipResult.doNotSkip()
                : SkipResult.skip("skipped: needs the vocabularies of ../shared/oracle/vocab");
    }
}
