package io.github.relayllm.core.tokenizer;

/**
 * The classes of code point the pre-tokenizer regexes distinguish: {@code \p{L}} (letters), {@code
 * \p{N}} (numbers) and {@code \s}, which in Hugging Face's Rust regex (and in llama.cpp's tables) is
 * the Unicode {@code White_Space} property, not Java's {@link Character#isWhitespace}: it includes
 * U+0085, U+00A0 and U+3000 and excludes U+001C..U+001F. Categories come from the JDK's Unicode
 * tables; lone surrogates and unassigned code points are {@link #OTHER}.
 *
 * <p>Cost: one array read for the Basic Multilingual Plane (a 64K-entry table built once), a
 * category lookup above it.
 */
enum CodePointClass {
    LETTER,
    NUMBER,
    WHITESPACE,
    OTHER;

    private static final CodePointClass[] BMP = new CodePointClass[0x10000];

    static {
        for (int cp = 0; cp < BMP.length; cp++) {
            BMP[cp] = classify(cp);
        }
    }

    /** The class of code point {@code cp}. */
    static CodePointClass of(int cp) {
        return cp < BMP.length ? BMP[cp] : classify(cp);
    }

    private static CodePointClass classify(int cp) {
        if (isWhiteSpace(cp)) {
            return WHITESPACE;
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER,
                    Character.LOWERCASE_LETTER,
                    Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER -> LETTER;
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> NUMBER;
            default -> OTHER;
        };
    }

    /** Unicode's White_Space property (PropList.txt). */
    private static boolean isWhiteSpace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D)
                || cp == 0x20
                || cp == 0x85
                || cp == 0xA0
                || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A)
                || cp == 0x2028
                || cp == 0x2029
                || cp == 0x202F
                || cp == 0x205F
                || cp == 0x3000;
    }
}
