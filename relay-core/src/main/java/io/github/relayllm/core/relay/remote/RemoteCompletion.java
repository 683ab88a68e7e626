package io.github.relayllm.core.relay.remote;

import io.github.relayllm.core.relay.protocol.TurnFinish;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A remote LLM's answer to one completion request, in the protocol's terms.
 *
 * @param text the generated text, exactly as the server sent it
 * @param finish {@link TurnFinish#STOP} when the server reported {@code "stop"}: since the client
 *     sends no stop strings, that is an end-of-generation token; {@link TurnFinish#LENGTH} when it
 *     spent {@code max_tokens}
 * @param completionTokens the server's {@code usage.completion_tokens}, when it reported a count; the
 *     protocol's budgets should use it rather than re-tokenize the text, since the server's tokenizer
 *     is the one that counted
 * @param attempts the HTTP attempts it took, at least 1 (more when failures were retried)
 */
public record RemoteCompletion(String text, TurnFinish finish, OptionalInt completionTokens, int attempts) {

    public RemoteCompletion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finish, "finish");
        Objects.requireNonNull(completionTokens, "completionTokens");
        if (completionTokens.isPresent() && completionTokens.getAsInt() < 0) {
            throw new IllegalArgumentException("a negative token count: " + completionTokens.getAsInt());
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("a completion takes at least one attempt, not " + attempts);
        }
    }
}
