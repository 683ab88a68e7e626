package io.github.relayllm.bench.eval.judge;

import java.util.Objects;

/**
 * The fixed message a judge is sent: the question, the gold answer and the whole response, and the
 * request for a one-word verdict. Fixed so that judge scores of different runs compare; change it only
 * with docs/evaluation.md, which quotes it. Rendering costs one string concatenation.
 */
public final class JudgePrompt {
    /** The template; {@code {question}}, {@code {gold}} and {@code {response}} are filled in, once each. */
    public static final String TEMPLATE = """
            You are grading the answer to a math problem. Decide whether the final answer of the response \
            is mathematically equivalent to the reference answer. Ignore the reasoning, formatting and \
            units; judge only the final answer.

            Problem:
            {question}

            Reference answer:
            {gold}

            Response:
            {response}

            Reply with exactly one word: correct or incorrect.""";

    private JudgePrompt() {}

    /** The message for one graded response. */
    public static String render(String question, String gold, String response) {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(gold, "gold");
        Objects.requireNonNull(response, "response");
        // Filled in one pass, so that a question containing "{gold}" is not filled again.
        StringBuilder out =
                new StringBuilder(TEMPLATE.length() + question.length() + gold.length() + response.length());
        int from = 0;
        while (true) {
            int open = TEMPLATE.indexOf('{', from);
            if (open < 0) {
                return out.append(TEMPLATE, from, TEMPLATE.length()).toString();
            }
            int close = TEMPLATE.indexOf('}', open);
            String value = switch (TEMPLATE.substring(open + 1, close)) {
                case "question" -> question;
                case "gold" -> gold;
                case "response" -> response;
                default -> throw new IllegalStateException("unknown placeholder in the judge template");
            };
            out.append(TEMPLATE, from, open).append(value);
            from = close + 1;
        }
    }
}
