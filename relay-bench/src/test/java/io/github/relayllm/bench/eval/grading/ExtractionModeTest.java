package io.github.relayllm.bench.eval.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExtractionModeTest {
    static Stream<Arguments> responses() {
        return Stream.of(
                // response, strict, reference
                Arguments.of("so \\boxed{42}.", "42", "42"),
                Arguments.of("no box here", null, null),
                Arguments.of("\\boxed{\\frac{1}{2}}", "\\frac{1}{2}", "\\frac{1}{2}"),
                // Nested braces: both agree when the box ends the line.
                Arguments.of("\\boxed{\\sqrt{\\frac{a}{b}}} done", "\\sqrt{\\frac{a}{b}}", "\\sqrt{\\frac{a}{b}}"),
                // Several boxes on a line: strict takes the last, reference spans from the first to the last brace.
                Arguments.of("\\boxed{1} or \\boxed{2}", "2", "1} or \\boxed{2"),
                // Boxes on several lines: reference takes the first line's.
                Arguments.of("first \\boxed{1}\nthen \\boxed{2}\n", "2", "1"),
                // Greedy to the line's last brace, even past the box.
                Arguments.of("\\boxed{3} and {x}\n", "3", "3} and {x"),
                // A \boxed{ with no brace after it on its line is skipped by the regex search.
                Arguments.of("\\boxed{\n7}\n\\boxed{8}", "8", "8"),
                // An unclosed box is not an answer for strict.
                Arguments.of("\\boxed{5} then \\boxed{6", "5", "5"),
                Arguments.of("\\fbox{9}", "9", null),
                Arguments.of("\\boxed{\\{1,2\\}}", "\\{1,2\\}", "\\{1,2\\}"),
                Arguments.of("\\boxed{}", "", ""),
                // Python's . matches \r: only \n ends a line.
                Arguments.of("\\boxed{4}\r}\n", "4", "4}\r"));
    }

    @ParameterizedTest
    @MethodSource("responses")
    void extractsTheBoxEachModeSelects(String response, String strict, String reference) {
        assertThat(ExtractionMode.STRICT.extract(response)).isEqualTo(Optional.ofNullable(strict));
        assertThat(ExtractionMode.REFERENCE.extract(response)).isEqualTo(Optional.ofNullable(reference));
    }
}
