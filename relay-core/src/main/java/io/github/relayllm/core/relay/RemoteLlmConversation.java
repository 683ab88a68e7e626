package io.github.relayllm.core.relay;

import io.github.relayllm.core.generate.GenerationListener;
import io.github.relayllm.core.relay.protocol.TurnFinish;
import io.github.relayllm.core.relay.remote.OpenAiCompletionsClient;
import io.github.relayllm.core.relay.remote.RemoteCompletion;
import io.github.relayllm.core.relay.remote.RemoteLlmException;
import io.github.relayllm.core.sampling.LogitProcessor;
import io.github.relayllm.core.sampling.SamplingParams;
import io.github.relayllm.core.tokenizer.Tokenizer;
import java.util.List;
import java.util.Optional;

/**
 * A remote LLM's side of one request: one HTTP request per call, with the text prompt (text splicing)
 * or the context ids (token splicing). The server's cache is its own business, so there is nothing to
 * catch up and nothing to count as prefill here; waiting counts as remote time.
 */
final class RemoteLlmConversation implements LlmConversation {
    private final OpenAiCompletionsClient client;
    private final Tokenizer tokenizer;
    private final SpliceMode splice;

    RemoteLlmConversation(OpenAiCompletionsClient client, Tokenizer tokenizer, SpliceMode splice) {
        this.client = client;
        this.tokenizer = tokenizer;
        this.splice = splice;
    }

    @Override
    public Optional<ContextPrefill> catchUp(int[] context) {
        return Optional.empty();
    }

    @Override
    public LlmReply write(
            String prompt,
            int[] context,
            int maxTokens,
            SamplingParams sampling,
            LogitProcessor processor,
            boolean stopAtEos,
            GenerationListener listener) {
        if (processor != LogitProcessor.NONE || !stopAtEos) {
            throw new IllegalArgumentException("a remote LLM takes no logit processor and always stops at its EOS");
        }
        long start = System.nanoTime();
        try {
            RemoteCompletion completion = splice == SpliceMode.TOKEN
                    ? client.complete(context, maxTokens, sampling)
                    : client.complete(prompt, maxTokens, sampling);
            long waited = System.nanoTime() - start;
            int tokens = completion
                    .completionTokens()
                    .orElseGet(() -> tokenizer.encode(completion.text(), Tokenizer.Specials.PARSE).length);
            if (tokens > maxTokens) {
                return new LlmReply.Failed(
                        "Malformed response: %d completion tokens for max_tokens %d".formatted(tokens, maxTokens),
                        waited);
            }
            listener.onToken(-1, completion.text());
            return new LlmReply.Written(
                    completion.text(), completion.finish(), List.of(), tokens, Optional.empty(), 0, 0, waited, false);
        } catch (RemoteLlmException e) {
            long waited = System.nanoTime() - start;
            if (e.kind() == RemoteLlmException.Kind.INTERRUPTED) {
                // The caller's thread was interrupted: the request is cancelled, not failed by the server.
                Thread.currentThread().interrupt();
                return new LlmReply.Written("", TurnFinish.LENGTH, List.of(), 0, Optional.empty(), 0, 0, waited, true);
            }
            return new LlmReply.Failed(e.reason(), waited);
        }
    }

    @Override
    public int unusedPrefillTokens() {
        return 0;
    }

    @Override
    public void close() {}
}
