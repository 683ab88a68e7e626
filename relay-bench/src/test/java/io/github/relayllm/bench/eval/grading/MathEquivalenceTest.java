package io.github.relayllm.bench.eval.grading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MathEquivalenceTest {
    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            \\frac{1}{2}            | 0.5
            \\frac{1}{2}            | 1/2
            \\dfrac{1}{2}           | \\frac12
            \\tfrac{3}{4}           | 0.75
            .5                      | 1/2
            50\\%                   | 50
            50%                     | 50
            \\$5                    | 5
            $5$                     | 5
            1,000                   | 1000
            1{,}000                 | 1000
            -12,345.5               | -12345.5
            x = 3                   | 3
            \\theta=\\frac{\\pi}{4} | \\frac{\\pi}{4}
            10^\\circ               | 10
            10^{\\circ}             | 10
            5\\text{ cm}            | 5
            12 \\text{ cm}^2        | 12
            5 \\mathrm{m}           | 5
            \\text{Evelyn}          | Evelyn
            \\text{(C)}             | (C)
            "(1, 2)"                | "(1,2)"
            "\\left( 3, \\frac{\\pi}{2} \\right)" | "(3,\\frac{\\pi}{2})"
            "[0, 1)"                | "[0,1)"
            "\\{1,2\\}"             | "\\{2,1\\}"
            "1, 2"                  | "2,1"
            "3 \\text{ and } 5"     | "5, 3"
            2\\sqrt{2}              | \\sqrt{8}
            3\\sqrt{2}              | \\sqrt{18}
            \\sqrt[3]{8}            | 2
            x^2+2x+1                | (x+1)^2
            \\pi/2                  | \\frac{\\pi}{2}
            2\\pi r                 | 2r\\pi
            1e-3                    | 0.001
            2.5\\times10^{3}        | 2500
            0.333333333             | \\frac{1}{3}
            \\frac{\\sqrt{3}}{2}    | \\frac{1}{2}\\sqrt{3}
            a_1+a_2                 | a_2+a_1
            \\sin^2 x               | \\sin^2 x
            -\\frac{1}{2}           | \\frac{-1}{2}
            {5}                     | 5
            5.                      | 5
            5.00                    | 5
            """)
    void equivalent(String pred, String gold) {
        assertThat(MathEquivalence.grade(pred, gold).equal())
                .as("%s vs %s: %s", pred, gold, MathEquivalence.grade(pred, gold))
                .isTrue();
        assertThat(MathEquivalence.equivalent(gold, pred)).as("symmetric").isTrue();
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            \\frac{1}{2}            | 0.51
            \\frac{1}{3}            | 0.33
            \\dfrac{1}{2}           | \\frac{2}{1}
            50\\%                   | 0.5
            \\$5                    | 6
            1,000                   | 100
            x = 3                   | 4
            10^\\circ               | 100
            5\\text{ cm}            | 6
            "(1, 2)"                | "(2,1)"
            "(1, 2)"                | "(1,2,3)"
            "(1,2)"                 | 1000
            "[0, 1)"                | "[0,1]"
            "[0, 1)"                | "(0,1)"
            "\\{1,2\\}"             | "\\{1,3\\}"
            "\\{1,2\\}"             | "(1,2)"
            2\\sqrt{2}              | \\sqrt{6}
            x^2+2x+1                | (x-1)^2
            x^2                     | x
            \\pi/2                  | \\frac{\\pi}{3}
            p-q                     | q-p
            123456789012            | 123456789013
            \\text{Evelyn}          | Emily
            \\sqrt{x-10}            | \\sqrt{x}
            2^{2000}                | 3^{2000}
            ""                      | ""
            """)
    void notEquivalent(String pred, String gold) {
        String p = pred == null ? "" : pred;
        String g = gold == null ? "" : gold;
        assertThat(MathEquivalence.grade(p, g).equal())
                .as("%s vs %s: %s", p, g, MathEquivalence.grade(p, g))
                .isFalse();
        assertThat(MathEquivalence.equivalent(g, p)).as("symmetric").isFalse();
    }

    @Test
    void verdictKeepsTheNormalizedForms() {
        assertThat(MathEquivalence.grade("$x = \\dfrac{1}{2}$", "0.5"))
                .isEqualTo(new Verdict(true, "\\frac{1}{2}", "0.5"));
    }

    @Test
    void unparsableAnswersFallBackToNormalizedStrings() {
        assertThat(MathEquivalence.equivalent("\\infty", "\\infty")).isTrue();
        assertThat(MathEquivalence.equivalent("(-\\infty, 0) \\cup (1, \\infty)", "(-\\infty,0)\\cup(1,\\infty)"))
                .isTrue();
        assertThat(MathEquivalence.equivalent("\\infty", "-\\infty")).isFalse();
    }
}
