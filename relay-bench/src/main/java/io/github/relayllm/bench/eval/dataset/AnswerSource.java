package io.github.relayllm.bench.eval.dataset;

import java.util.Objects;

/**
 * Where an item's gold answer is in a JSONL line. The benchmarks differ: most have a plain answer
 * field, GSM8K ends its worked solution with {@code #### 42}, Minerva only boxes it in the solution,
 * OlympiadBench keeps a list of answers.
 */
public sealed interface AnswerSource {
    /** The field that holds the answer, or the text it is taken from. */
    String field();

    /** The field itself, a string or a number (taken as its JSON text). */
    record Plain(String field) implements AnswerSource {
        public Plain {
            Objects.requireNonNull(field, "field");
        }
    }

    /**
     * The text after the last {@code "#### "} of a string field, trimmed, with thousands commas
     * removed ({@code "#### 2,125"} gives {@code "2125"}), as GSM8K writes its final number.
     */
    record AfterHashes(String field) implements AnswerSource {
        public AfterHashes {
            Objects.requireNonNull(field, "field");
        }
    }

    /**
     * The content of the last {@code \boxed{...}} of a string field, braces matched (so {@code
     * \boxed{\frac{1}{2}}} gives {@code \frac{1}{2}}), trimmed.
     */
    record LastBoxed(String field) implements AnswerSource {
        public LastBoxed {
            Objects.requireNonNull(field, "field");
        }
    }

    /**
     * The first element of a list field, a string or a number, trimmed, with the {@code $} math
     * delimiters around it removed ({@code ["$\frac{1}{2}$"]} gives {@code \frac{1}{2}}).
     */
    record FirstOfList(String field) implements AnswerSource {
        public FirstOfList {
            Objects.requireNonNull(field, "field");
        }
    }
}
