package io.github.relayllm.bench.eval.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionTest {
    private static final Map<String, Double> AT = Map.of("x", 2.0, "y", 3.0, "a_1", 5.0, "\\theta", 0.5);

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1+2*3                 | 7
            2^3^2                 | 512
            -x^2                  | -4
            2x                    | 4
            2x^2                  | 8
            xy                    | 6
            (x+1)(x-1)            | 3
            3\\sqrt{4}            | 6
            \\sqrt[3]{27}         | 3
            \\frac{x}{y}          | 0.6666666666666666
            \\frac12              | 0.5
            \\frac{1}{2}x         | 1
            6/2/3                 | 1
            2^-1                  | 0.5
            x^{10}                | 1024
            1.5e3                 | 1500
            2e                    | 5.43656365691809
            \\pi                  | 3.141592653589793
            a_1+1                 | 6
            2\\theta              | 1
            \\cos 0               | 1
            \\ln e                | 1
            2 \\cdot 3 \\times 4  | 24
            {x}{y}                | 6
            .5                    | 0.5
            """)
    void evaluates(String text, double expected) {
        assertThat(Expression.parse(text).evaluate(AT)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void namesOnlyFreeVariables() {
        assertThat(Expression.parse("2\\pi r + e^x + a_{12}").variables()).containsExactly("a_12", "r", "x");
    }

    @Test
    void rejectsWhatItCannotParseWithThePosition() {
        assertThatThrownBy(() -> Expression.parse("\\infty"))
                .isInstanceOf(ExpressionSyntaxException.class)
                .hasMessageContaining("unknown command \\infty")
                .extracting(e -> ((ExpressionSyntaxException) e).position())
                .isEqualTo(0);
        assertThatThrownBy(() -> Expression.parse("(1+2")).isInstanceOf(ExpressionSyntaxException.class);
        assertThatThrownBy(() -> Expression.parse("1,2")).isInstanceOf(ExpressionSyntaxException.class);
        assertThatThrownBy(() -> Expression.parse("")).isInstanceOf(ExpressionSyntaxException.class);
        assertThatThrownBy(() -> Expression.parse("x!")).isInstanceOf(ExpressionSyntaxException.class);
    }

    @Test
    void anUnboundVariableIsAnError() {
        assertThatThrownBy(() -> Expression.parse("z").evaluate(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("z");
    }
}
