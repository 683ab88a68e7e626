package io.github.relayllm.bench.eval.judge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JudgePromptTest {
    @Test
    void theQuestionGoldAndResponseAreFilledInOnce() {
        String prompt = JudgePrompt.render("What is {gold}?", "\\frac{1}{2}", "So \\boxed{0.5}.");
        assertThat(prompt)
                .startsWith("You are grading the answer to a math problem.")
                .contains(
                        "Problem:\nWhat is {gold}?\n\nReference answer:\n\\frac{1}{2}\n\nResponse:\nSo \\boxed{0.5}.\n")
                .endsWith("Reply with exactly one word: correct or incorrect.")
                .doesNotContain("{question}")
                .doesNotContain("{response}");
    }
}
