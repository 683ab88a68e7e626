package io.github.relayllm.bench.eval.dataset;

import io.github.relayllm.core.relay.Relay;
import io.github.relayllm.core.template.ChatMessage;
import io.github.relayllm.core.template.ModelChatTemplate;
import java.util.List;

/**
 * The paper's prompt for a problem: one user message, the question followed by {@link
 * Relay#INSTRUCTION} ({@code "\nPlease reason step by step, and put your final answer within
 * \boxed{}."}), rendered with the model's chat template and the generation prompt. Rendering goes
 * through the same path as a relay request, so the harness and {@code relay run} see the same text.
 *
 * @param thinking the template's {@code enable_thinking}; off in the paper
 */
public record EvalPrompt(boolean thinking) {
    /** The paper's setting: thinking off. */
    public static final EvalPrompt PAPER = new EvalPrompt(false);

    /** The user message's text. */
    public String userMessage(String question) {
        return question + Relay.INSTRUCTION;
    }

    /** The prompt rendered with {@code template}. */
    public String render(ModelChatTemplate template, String question) {
        return template.generationPrompt(List.of(ChatMessage.user(userMessage(question))), thinking);
    }

    /**
     * The prompt for {@code relay}'s small model, as {@link Relay#questionPrompt} renders it (with
     * its plain-text fallback for a model without a template).
     */
    public String render(Relay relay, String question) {
        return relay.questionPrompt(question, thinking);
    }
}
