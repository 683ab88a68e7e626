package io.github.relayllm.bench.eval.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.core.relay.remote.MalformedResponseException;
import io.github.relayllm.core.relay.remote.RemoteLlmException;
import io.github.relayllm.core.relay.remote.RetryingHttpClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Asks an OpenAI-compatible {@code /v1/chat/completions} endpoint (OpenAI, vLLM, SGLang, llama.cpp's
 * server) for one reply to one user message, greedily: {@code temperature 0}, non-streaming.
 *
 * <p>The requests go through relay-core's {@link RetryingHttpClient}, as the relay's own remote LLM
 * client's do: bounded attempts, retries of connection failures, timeouts, 429 and 5xx, failures as
 * {@link RemoteLlmException}s of the same kinds and reasons; a 200 that is no chat reply is not retried.
 *
 * <p>Thread-safe: one client serves concurrent calls. Cost per call: one JSON body built and one
 * parsed, besides the server's time.
 */
public final class OpenAiChatClient implements AutoCloseable {
    // A body with something after the JSON value is not an answer we understand.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final ChatOptions options;
    private final RetryingHttpClient http;

    public OpenAiChatClient(ChatOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.http = new RetryingHttpClient(options);
    }

    public ChatOptions options() {
        return options;
    }

    /**
     * The reply, {@code choices[0].message.content}, to {@code message} sent as the only user message,
     * with at most {@code maxTokens} tokens.
     *
     * @throws IllegalArgumentException for {@code maxTokens < 1}
     * @throws RemoteLlmException when no attempt gave a reply
     */
    public String reply(String message, int maxTokens) throws RemoteLlmException {
        Objects.requireNonNull(message, "message");
        if (maxTokens < 1) {
            throw new IllegalArgumentException("at least one token must be asked for, not " + maxTokens);
        }
        return http.post(requestBody(message, maxTokens), (body, attempts) -> content(body));
    }

    /** Aborts calls in flight and releases the connections. */
    @Override
    public void close() {
        http.close();
    }

    private byte[] requestBody(String message, int maxTokens) {
        ObjectNode body = JSON.createObjectNode();
        options.model().ifPresent(name -> body.put("model", name));
        ObjectNode user = body.putArray("messages").addObject();
        user.put("role", "user");
        user.put("content", message);
        body.put("temperature", 0.0);
        body.put("max_tokens", maxTokens);
        body.put("stream", false);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings and numbers could not be written", e);
        }
    }

    /** {@code choices[0].message.content} of a 200's body, a string (null content, a refusal, is malformed). */
    private static String content(byte[] body) throws MalformedResponseException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            String what = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new MalformedResponseException(what, e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedResponseException(
                    "not a JSON object: " + excerpt(new String(body, StandardCharsets.UTF_8), 80), null);
        }
        JsonNode content = root.path("choices").path(0).path("message").get("content");
        if (content == null || !content.isTextual()) {
            throw new MalformedResponseException("no choices[0].message.content", null);
        }
        return content.textValue();
    }

    /** The start of a text on one line. */
    private static String excerpt(String text, int max) {
        String line = text.strip().replaceAll("\\s*\\R\\s*", " ");
        if (line.isEmpty()) {
            return "an empty body";
        }
        return line.length() <= max ? line : line.substring(0, max) + "...";
    }
}
