package io.github.relayllm.bench.eval.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.relayllm.core.template.ChatTemplate;
import io.github.relayllm.core.template.ModelChatTemplate;
import io.github.relayllm.kernels.testkit.SharedOracle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The paper's prompt for the first MATH-500 problem, rendered with real Qwen3 templates. */
class EvalPromptTest {
    private static final String FIRST_MATH500_QUESTION = "Convert the point $(0,3)$ in rectangular coordinates"
            + " to polar coordinates.  Enter your answer in the form $(r,\\theta),$ where $r > 0$ and $0 \\le"
            + " \\theta < 2 \\pi.$";

    private static final String USER_MESSAGE =
            FIRST_MATH500_QUESTION + "\nPlease reason step by step, and put your final answer within \\boxed{}.";

    private static String firstMath500Question() throws IOException {
        Path file = SharedOracle.require("datasets/math500.test.jsonl");
        DatasetItem first =
                Dataset.load(Benchmark.MATH500, file.getParent()).items().getFirst();
        assertThat(first.question()).isEqualTo(FIRST_MATH500_QUESTION);
        return first.question();
    }

    /** The hybrid template of Qwen3-0.6B/1.7B/8B, the paper's models. */
    private static ModelChatTemplate qwen3Hybrid() throws IOException {
        Path file = SharedOracle.require("oracle/chat-templates/qwen3-hybrid.json");
        String source =
                new ObjectMapper().readTree(file.toFile()).get("template").textValue();
        return new ModelChatTemplate(ChatTemplate.compile(source), Optional.empty(), Optional.of("<|im_end|>"));
    }

    @Test
    void userMessageIsTheQuestionThenTheInstruction() {
        assertThat(EvalPrompt.PAPER.userMessage("What is 12 * 7?"))
                .isEqualTo("What is 12 * 7?\nPlease reason step by step, and put your final answer within \\boxed{}.");
        assertThat(EvalPrompt.PAPER.thinking()).isFalse();
    }

    @Test
    void paperPromptWithThinkingOffHasAnEmptyThinkBlock() throws IOException {
        String question = firstMath500Question();

        assertThat(EvalPrompt.PAPER.render(qwen3Hybrid(), question))
                .isEqualTo("<|im_start|>user\n" + USER_MESSAGE
                        + "<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n");
    }

    @Test
    void thinkingOnLeavesTheAssistantTurnOpen() throws IOException {
        String question = firstMath500Question();

        assertThat(new EvalPrompt(true).render(qwen3Hybrid(), question))
                .isEqualTo("<|im_start|>user\n" + USER_MESSAGE + "<|im_end|>\n<|im_start|>assistant\n");
    }

    /** The vocabulary GGUF embeds the Qwen3-2507-Thinking template, which always opens a think block. */
    @Test
    void ggufTemplateIsUsedAsTheModelShipsIt() throws IOException {
        String question = firstMath500Question();
        ModelChatTemplate template = ModelChatTemplate.load(SharedOracle.require("oracle/vocab/ggml-vocab-qwen3.gguf"))
                .orElseThrow();

        assertThat(EvalPrompt.PAPER.render(template, question))
                .isEqualTo("<|im_start|>user\n" + USER_MESSAGE + "<|im_end|>\n<|im_start|>assistant\n<think>\n");
    }
}
