package io.github.relayllm.bench.eval.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LastBoxedTest {
    @Test
    void takesTheLastBoxWithNestedBraces() {
        assertThat(LastBoxed.find("first \\boxed{1}, then $\\boxed{\\frac{a}{b^{2}}}$ cm"))
                .hasValue("\\frac{a}{b^{2}}");
    }

    @Test
    void escapedBracesDoNotCount() {
        assertThat(LastBoxed.find("\\boxed{\\left\\{ x \\right.}")).hasValue("\\left\\{ x \\right.");
        assertThat(LastBoxed.find("\\boxed{\\{1,2\\}}")).hasValue("\\{1,2\\}");
        // A LaTeX line break followed by a group: the braces after \\ do count.
        assertThat(LastBoxed.find("\\boxed{a\\\\{b}}")).hasValue("a\\\\{b}");
    }

    @Test
    void anUnclosedLastBoxFallsBackToTheOneBefore() {
        assertThat(LastBoxed.find("\\boxed{7} and \\boxed{8")).hasValue("7");
    }

    @Test
    void noBoxIsEmpty() {
        assertThat(LastBoxed.find("the answer is 7")).isEmpty();
        assertThat(LastBoxed.find("\\boxed{")).isEmpty();
        assertThat(LastBoxed.find("\\boxed{}")).hasValue("");
    }
}
