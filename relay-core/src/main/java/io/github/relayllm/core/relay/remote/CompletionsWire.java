package io.github.relayllm.core.relay.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.core.relay.protocol.TurnFinish;
import io.github.relayllm.core.sampling.SamplingParams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The JSON of OpenAI's legacy completions API, the part of it every compatible server speaks: the
 * request body the client sends and the reading of the answer. Holds no state; the mapper is
 * thread-safe.
 */
final class CompletionsWire {
    // A body with something after the JSON value is not an answer we understand.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private CompletionsWire() {}

    /**
     * The request body: {@code model} when named, the prompt (a string, or a list of token ids),
     * {@code max_tokens}, {@code temperature} (0 is greedy on every server named in the docs), {@code
     * top_p}, {@code seed}, {@code stream: false}; {@code top_k} and {@code min_p} only when they do
     * something, since OpenAI itself does not know them. No stop strings: a {@code "stop"} answer then
     * means an end-of-generation token.
     */
    static byte[] requestBody(Optional<String> model, Object prompt, int maxTokens, SamplingParams sampling) {
        ObjectNode body = JSON.createObjectNode();
        model.ifPresent(name -> body.put("model", name));
        switch (prompt) {
            case String text -> body.put("prompt", text);
            case int[] ids -> {
                var list = body.putArray("prompt");
                for (int id : ids) {
                    list.add(id);
                }
            }
            default -> throw new IllegalArgumentException("a prompt is text or token ids, not " + prompt);
        }
        body.put("max_tokens", maxTokens);
        body.put("temperature", sampling.temperature());
        body.put("top_p", sampling.topP());
        if (sampling.topK() > 0) {
            body.put("top_k", sampling.topK());
        }
        if (sampling.minP() > 0) {
            body.put("min_p", sampling.minP());
        }
        body.put("seed", sampling.seed());
        body.put("stream", false);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings and numbers could not be written", e);
        }
    }

    /**
     * Reads a 200's body: {@code choices[0].text}, {@code choices[0].finish_reason} ({@code "stop"}, or
     * {@code "eos_token"} as TGI before 2.2.1 says it, is {@link TurnFinish#STOP}; {@code "length"} is
     * {@link TurnFinish#LENGTH}; anything else, null or {@code "abort"} included, is malformed), and
     * {@code usage.completion_tokens} when it is a non-negative integer (it is optional, so a server
     * that omits or garbles it loses only the count).
     */
    static RemoteCompletion parse(byte[] body, int attempts) throws MalformedResponseException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            // Jackson's message without its location suffix: the reason ends up inside an answer.
            throw new MalformedResponseException(
                    e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedResponseException("not a JSON object: " + excerpt(body), null);
        }
        JsonNode choice = root.path("choices").path(0);
        JsonNode text = choice.get("text");
        if (text == null || !text.isTextual()) {
            throw new MalformedResponseException("no choices[0].text", null);
        }
        JsonNode finish = choice.get("finish_reason");
        if (finish == null || !finish.isTextual()) {
            throw new MalformedResponseException("no choices[0].finish_reason", null);
        }
        TurnFinish turnFinish = switch (finish.textValue()) {
            case "stop", "eos_token" -> TurnFinish.STOP;
            case "length" -> TurnFinish.LENGTH;
            default ->
                throw new MalformedResponseException(
                        "choices[0].finish_reason is \"%s\", not stop or length".formatted(finish.textValue()), null);
        };
        JsonNode tokens = root.path("usage").path("completion_tokens");
        OptionalInt count = tokens.canConvertToInt() && tokens.isIntegralNumber() && tokens.intValue() >= 0
                ? OptionalInt.of(tokens.intValue())
                : OptionalInt.empty();
        return new RemoteCompletion(text.textValue(), turnFinish, count, attempts);
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return "an empty body";
        }
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
