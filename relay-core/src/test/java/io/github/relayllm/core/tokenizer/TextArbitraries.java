package io.github.relayllm.core.tokenizer;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Text generators for tokenizer properties: valid Unicode, with the characters tokenizers trip on. */
final class TextArbitraries {
    private static final List<String> SNIPPETS = List.of(
            "Hello",
            " world",
            "I'll",
            " they're",
            "  ",
            "\n\n",
            "\r\n",
            "\t",
            " \n ",
            "123",
            "3.14159",
            "½",
            "é",
            "e\u0301",
            "Äpfel",
            "straße",
            "我想在apple工作",
            "カタカナ",
            "한국어",
            "กรุงเทพ",
            "нещо",
            "🦙",
            "😀",
            "😶\u200D🌫\uFE0F",
            "✅",
            "\u00A0",
            "\u3000",
            "\u2028",
            "$\\frac{1}{2}$",
            "x^2+y^2",
            "<think>",
            "</think>",
            "<|im_start|>",
            "<|endoftext|>",
            "<s>",
            "</s>",
            "<unk>",
            "\u0000",
            "\uFFFD",
            "▁",
            "Ġ");

    private TextArbitraries() {}

    /** Strings of valid Unicode (no unpaired surrogates): snippets and random code points mixed. */
    static Arbitrary<String> validText() {
        Arbitrary<String> codePoint = Arbitraries.integers()
                .between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .map(Character::toString);
        Arbitrary<String> part = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of(SNIPPETS)),
                net.jqwik.api.Tuple.of(2, codePoint),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().ascii().ofMaxLength(6)));
        return part.list().ofMaxSize(20).map(parts -> String.join("", parts));
    }
}
