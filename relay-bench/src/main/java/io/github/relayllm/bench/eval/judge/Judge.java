package io.github.relayllm.bench.eval.judge;

import io.github.relayllm.core.relay.remote.RemoteLlmException;
import java.util.Objects;

/**
 * A judge model behind an OpenAI-compatible chat endpoint, asked with the fixed {@link JudgePrompt}
 * whether a response's final answer equals the gold one. Never throws for the judge's faults: a failed
 * call or a reply without a verdict is an outcome, so that an evaluation goes on without it.
 *
 * <p>Thread-safe. Cost per call: one HTTP request of at most {@link #MAX_TOKENS} tokens, retried as
 * {@link OpenAiChatClient} does.
 */
public final class Judge implements AutoCloseable {
    /** Room for the one word and some politeness around it; a verdict after that is not waited for. */
    public static final int MAX_TOKENS = 16;

    private final OpenAiChatClient client;

    public Judge(ChatOptions options) {
        this.client = new OpenAiChatClient(options);
    }

    public ChatOptions options() {
        return client.options();
    }

    /**
     * The judge's outcome on {@code response} to {@code question} with gold answer {@code gold}. An
     * interrupt while waiting is a {@link JudgeOutcome.Failed} of kind {@code INTERRUPTED}, with the
     * thread's interrupt flag set.
     */
    public JudgeOutcome judge(String question, String gold, String response) {
        Objects.requireNonNull(response, "response");
        String reply;
        try {
            reply = client.reply(JudgePrompt.render(question, gold, response), MAX_TOKENS);
        } catch (RemoteLlmException e) {
            return new JudgeOutcome.Failed(e);
        }
        return JudgeVerdict.parse(reply)
                .<JudgeOutcome>map(JudgeOutcome.Judged::new)
                .orElseGet(() -> new JudgeOutcome.Unparseable(reply));
    }

    @Override
    public void close() {
        client.close();
    }
}
