package io.github.relayllm.core.relay.remote;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the remote LLM is and how long to wait for it.
 *
 * <p>Invariants: {@link #url} is always the completions endpoint itself, an {@code http} or {@code
 * https} URL ending in {@code /v1/completions} (a server's base such as {@code
 * http://127.0.0.1:8000}, or the OpenAI clients' base {@code http://127.0.0.1:8000/v1}, is completed
 * here, so the with-ers and {@code equals} see one form); timeouts are positive; backoffs are not
 * negative and {@code initialBackoff <= maxBackoff}; at least one attempt is made.
 *
 * <p>The worst case of one call is bounded: {@code maxAttempts} attempts of at most {@code
 * requestTimeout} each (connecting included), plus the backoffs between them.
 *
 * @param url the completions endpoint
 * @param model sent as {@code "model"} when present (vLLM and SGLang check it against the served
 *     model's name; llama.cpp's server ignores it)
 * @param connectTimeout the longest wait for a TCP (and TLS) connection
 * @param requestTimeout the longest wait for one attempt's whole answer, so a server that accepts and
 *     never answers can not hang the caller
 * @param maxAttempts HTTP attempts at most, the first included
 * @param initialBackoff the wait after the first failed attempt; it doubles after each further one
 * @param maxBackoff the longest wait between two attempts
 */
public record RemoteLlmOptions(
        URI url,
        Optional<String> model,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff)
        implements HttpCallOptions {

    /** The path of the completions endpoint under a server's base. */
    public static final String COMPLETIONS_PATH = "/v1/completions";

    public RemoteLlmOptions {
        url = HttpCallOptions.endpoint(url, COMPLETIONS_PATH, "the LLM server's");
        HttpCallOptions.requireModelName(model);
        HttpCallOptions.requireValid(connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff);
    }

    /**
     * The defaults for the server at {@code url}: no model name, 10 s to connect, 600 s per attempt
     * (an LLM writing thousands of tokens on a busy server is slow, not dead), 3 attempts, backoff
     * from 0.5 s doubling up to 8 s.
     */
    public static RemoteLlmOptions of(URI url) {
        return new RemoteLlmOptions(
                url,
                Optional.empty(),
                Duration.ofSeconds(10),
                Duration.ofSeconds(600),
                3,
                Duration.ofMillis(500),
                Duration.ofSeconds(8));
    }

    public RemoteLlmOptions withUrl(URI value) {
        return new RemoteLlmOptions(
                value, model, connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff);
    }

    public RemoteLlmOptions withModel(String value) {
        return new RemoteLlmOptions(
                url, Optional.of(value), connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff);
    }

    public RemoteLlmOptions withoutModel() {
        return new RemoteLlmOptions(
                url, Optional.empty(), connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff);
    }

    public RemoteLlmOptions withConnectTimeout(Duration value) {
        return new RemoteLlmOptions(url, model, value, requestTimeout, maxAttempts, initialBackoff, maxBackoff);
    }

    public RemoteLlmOptions withRequestTimeout(Duration value) {
        return new RemoteLlmOptions(url, model, connectTimeout, value, maxAttempts, initialBackoff, maxBackoff);
    }

    public RemoteLlmOptions withMaxAttempts(int value) {
        return new RemoteLlmOptions(url, model, connectTimeout, requestTimeout, value, initialBackoff, maxBackoff);
    }

    /** Both backoffs at once, since each is validated against the other. */
    public RemoteLlmOptions withBackoff(Duration initial, Duration max) {
        return new RemoteLlmOptions(url, model, connectTimeout, requestTimeout, maxAttempts, initial, max);
    }
}
