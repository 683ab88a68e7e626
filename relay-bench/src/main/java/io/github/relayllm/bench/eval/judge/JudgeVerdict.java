package io.github.relayllm.bench.eval.judge;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A judge's one-word verdict on a response. */
public enum JudgeVerdict {
    CORRECT,
    INCORRECT;

    // Whole words only, so that "incorrect" is never read as "correct" and "correctly" as neither.
    private static final Pattern WORD = Pattern.compile("\\b(correct|incorrect)\\b", Pattern.CASE_INSENSITIVE);

    /** Whether the verdict counts the response as right. */
    public boolean correct() {
        return this == CORRECT;
    }

    /**
     * The first of the words {@code correct} and {@code incorrect} in {@code reply}, in any case and
     * with any punctuation around it ({@code "**Correct.**"} is {@link #CORRECT}); empty when neither
     * word occurs. A reply such as {@code "not correct"} reads as {@link #CORRECT}: the prompt asks for
     * one word, and guessing at negations would be a second grader to test. Cost: one regex scan.
     */
    public static Optional<JudgeVerdict> parse(String reply) {
        Matcher m = WORD.matcher(reply);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1).toLowerCase(Locale.ROOT).equals("correct") ? CORRECT : INCORRECT);
    }
}
