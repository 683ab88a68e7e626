package io.github.relayllm.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The hand-written pre-tokenizer scanners split exactly as their regexes do under {@code
 * java.util.regex}, with {@code \s} read as Unicode's White_Space (what Hugging Face's Rust regex and
 * llama.cpp mean by it) and the contractions' {@code (?i)} in ASCII (as llama.cpp has it).
 */
class WordSplitterTest {
    /** Snippets that exercise every alternative of the regexes and the boundaries between them. */
    private static final List<String> SNIPPETS = List.of(
            "a",
            "Z",
            "é",
            "ß",
            "ſ",
            "x\u0301",
            "й",
            "我",
            "工作",
            "カ",
            "한",
            "ก",
            "ា",
            "\u0301",
            "0",
            "7",
            "½",
            "²",
            "٣",
            "Ⅻ",
            "1234",
            "'",
            "'s",
            "'S",
            "'t",
            "'re",
            "'RE",
            "'Ve",
            "'m",
            "'ll",
            "'lL",
            "'d",
            "'x",
            " ",
            "  ",
            "   ",
            "\t",
            "\n",
            "\r",
            "\r\n",
            "\u000B",
            "\f",
            "\u0085",
            "\u00A0",
            "\u1680",
            "\u2000",
            "\u2028",
            "\u3000",
            "\u001C",
            "\u200B",
            "!",
            "?",
            ".",
            ",",
            "(",
            ")",
            "-",
            "$",
            "+",
            "<",
            "~",
            "…",
            "，",
            "。",
            "～",
            "😀",
            "🦙",
            "😶\u200D🌫\uFE0F",
            "\uD800",
            "\uDC00",
            "_",
            "\\",
            "\"",
            "#");

    @Property
    void scannerSplitsAsTheRegexOnTrickyText(@ForAll PreTokenizerType type, @ForAll("trickyText") String text) {
        assertThat(scanner(type, text)).as("words of %s", quoted(text)).isEqualTo(regex(type, text));
    }

    @Property
    void scannerSplitsAsTheRegexOnAnyText(@ForAll PreTokenizerType type, @ForAll("anyText") String text) {
        assertThat(scanner(type, text)).as("words of %s", quoted(text)).isEqualTo(regex(type, text));
    }

    @Example
    void qwenSplitsDigitsAloneAndLlamaInThrees() {
        assertThat(words(PreTokenizerType.QWEN2, "x 12345")).containsExactly("x", " ", "1", "2", "3", "4", "5");
        assertThat(words(PreTokenizerType.LLAMA3, "x 12345")).containsExactly("x", " ", "123", "45");
        assertThat(words(PreTokenizerType.GPT2, "x 12345")).containsExactly("x", " 12345");
    }

    @Example
    void whitespaceBeforeAWordLeavesItsLastSpaceToTheWord() {
        assertThat(words(PreTokenizerType.QWEN2, "a   b")).containsExactly("a", "  ", " b");
        assertThat(words(PreTokenizerType.QWEN2, "a \n\n b")).containsExactly("a", " \n\n", " b");
        assertThat(words(PreTokenizerType.GPT2, "I'll   go\n")).containsExactly("I", "'ll", "  ", " go", "\n");
    }

    @Provide
    Arbitrary<String> trickyText() {
        return Arbitraries.of(SNIPPETS).list().ofMaxSize(24).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().all().ofMaxLength(32);
    }

    private static List<String> words(PreTokenizerType type, String text) {
        return scanner(type, text).stream()
                .map(range -> text.substring(range.get(0), range.get(1)))
                .toList();
    }

    private static List<List<Integer>> scanner(PreTokenizerType type, String text) {
        List<List<Integer>> words = new ArrayList<>();
        WordSplitter.of(type).split(text, 0, text.length(), (start, end) -> words.add(List.of(start, end)));
        return words;
    }

    /** The regex's matches, and any text between them, as llama.cpp's regex splitter returns them. */
    private static List<List<Integer>> regex(PreTokenizerType type, String text) {
        Pattern pattern = Pattern.compile(
                type.regex().replace("\\s", "\\p{IsWhite_Space}").replace("\\S", "\\P{IsWhite_Space}"));
        List<List<Integer>> words = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        int previous = 0;
        while (matcher.find()) {
            if (matcher.start() > previous) {
                words.add(List.of(previous, matcher.start()));
            }
            words.add(List.of(matcher.start(), matcher.end()));
            previous = matcher.end();
        }
        if (previous < text.length()) {
            words.add(List.of(previous, text.length()));
        }
        return words;
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.chars().forEach(c -> out.append(c < 0x20 || c > 0x7E ? "\\u%04X".formatted(c) : String.valueOf((char) c)));
        return out.append('"').toString();
    }
}
