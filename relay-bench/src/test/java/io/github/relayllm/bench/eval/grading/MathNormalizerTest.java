package io.github.relayllm.bench.eval.grading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MathNormalizerTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            $\\frac{9}{32}$                   | \\frac{9}{32}
            \\dfrac 12                        | \\frac{1}{2}
            \\sqrt2                           | \\sqrt{2}
            "\\left( 3, \\frac{\\pi}{2} \\right)" | "(3,\\frac{\\pi}{2})"
            50\\%                             | 50
            \\$1{,}000.50                     | 1000.50
            "(1,000, 2)"                      | "(1,000,2)"
            "$M=\\frac{9}{32} \\sqrt{2}$"      | \\frac{9}{32}\\sqrt{2}
            90^{\\circ}                       | 90
            "\\pi r^2"                        | "\\pi r^2"
            "p - q"                           | p-q
            12\\,\\text{cm}^{2}               | 12
            \\text{Monday}                    | Monday
            "x \\geq 3"                       | "x\\geq3"
            "\\displaystyle\\frac{1}{2}."     | \\frac{1}{2}
            """)
    void normalizes(String answer, String expected) {
        assertThat(MathNormalizer.normalize(answer)).isEqualTo(expected);
        assertThat(MathNormalizer.normalize(expected)).as("a fixed point").isEqualTo(expected);
    }
}
