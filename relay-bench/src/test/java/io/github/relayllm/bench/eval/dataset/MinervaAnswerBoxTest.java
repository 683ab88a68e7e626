package io.github.relayllm.bench.eval.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.relayllm.bench.eval.grading.ExtractionMode;
import org.junit.jupiter.api.Test;

/** Minerva's gold answer is the last box of its solution, found by the strict extractor. */
class MinervaAnswerBoxTest {
    @Test
    void takesTheLastBoxWithNestedBraces() {
        assertThat(ExtractionMode.STRICT.extract("first \\boxed{1}, then $\\boxed{\\frac{a}{b^{2}}}$ cm"))
                .hasValue("\\frac{a}{b^{2}}");
    }

    @Test
    void escapedBracesDoNotCount() {
        assertThat(ExtractionMode.STRICT.extract("\\boxed{\\left\\{ x \\right.}"))
                .hasValue("\\left\\{ x \\right.");
        assertThat(ExtractionMode.STRICT.extract("\\boxed{\\{1,2\\}}")).hasValue("\\{1,2\\}");
        // A LaTeX line break followed by a group: the braces after \\ do count.
        assertThat(ExtractionMode.STRICT.extract("\\boxed{a\\\\{b}}")).hasValue("a\\\\{b}");
    }

    @Test
    void anUnclosedLastBoxFallsBackToTheOneBefore() {
        assertThat(ExtractionMode.STRICT.extract("\\boxed{7} and \\boxed{8")).hasValue("7");
    }

    @Test
    void noBoxIsEmpty() {
        assertThat(ExtractionMode.STRICT.extract("the answer is 7")).isEmpty();
        assertThat(ExtractionMode.STRICT.extract("\\boxed{")).isEmpty();
        assertThat(ExtractionMode.STRICT.extract("\\boxed{}")).hasValue("");
    }
}
