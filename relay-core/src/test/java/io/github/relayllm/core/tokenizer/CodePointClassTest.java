package io.github.relayllm.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The classes agree with {@code \p{L}}, {@code \p{N}} and White_Space for every code point. */
class CodePointClassTest {
    private static final Pattern LETTER = Pattern.compile("\\p{L}");
    private static final Pattern NUMBER = Pattern.compile("\\p{N}");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\p{IsWhite_Space}");

    @Test
    void agreesWithTheRegexClassesOnEveryCodePoint() {
        List<String> disagreements = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String text = Character.toString(cp);
            CodePointClass expected = WHITE_SPACE.matcher(text).matches()
                    ? CodePointClass.WHITESPACE
                    : LETTER.matcher(text).matches()
                            ? CodePointClass.LETTER
                            : NUMBER.matcher(text).matches() ? CodePointClass.NUMBER : CodePointClass.OTHER;
            if (CodePointClass.of(cp) != expected && disagreements.size() < 20) {
                disagreements.add("U+%04X: %s, not %s".formatted(cp, CodePointClass.of(cp), expected));
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void whiteSpaceIsUnicodesNotJavas() {
        assertThat(CodePointClass.of(0xA0)).isEqualTo(CodePointClass.WHITESPACE);
        assertThat(CodePointClass.of(0x3000)).isEqualTo(CodePointClass.WHITESPACE);
        assertThat(CodePointClass.of(0x85)).isEqualTo(CodePointClass.WHITESPACE);
        assertThat(CodePointClass.of(0x1C)).isEqualTo(CodePointClass.OTHER);
    }
}
