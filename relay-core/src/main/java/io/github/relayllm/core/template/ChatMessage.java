package io.github.relayllm.core.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One message of a conversation, as chat templates read it: {@code role}, {@code content}, and
 * where present {@code reasoning_content} (a reasoning model's thinking, which Qwen3's template
 * puts in {@code <think>} tags) and {@code tool_calls} (OpenAI-style: each a map with
 * {@code type} and {@code function: {name, arguments}}).
 *
 * <p>A template sees only the keys that are present: {@code message.reasoning_content is defined}
 * is false without reasoning content, and {@code message.tool_calls} is undefined without calls.
 *
 * <pre>{@code
 * List<ChatMessage> chat = List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi!"));
 * }</pre>
 */
public record ChatMessage(
        String role, String content, Optional<String> reasoningContent, List<Map<String, Object>> toolCalls) {
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(reasoningContent, "reasoningContent");
        toolCalls = List.copyOf(toolCalls);
    }

    public static ChatMessage of(String role, String content) {
        return new ChatMessage(role, content, Optional.empty(), List.of());
    }

    public static ChatMessage system(String content) {
        return of("system", content);
    }

    public static ChatMessage user(String content) {
        return of("user", content);
    }

    public static ChatMessage assistant(String content) {
        return of("assistant", content);
    }

    /** A tool's answer to a call. */
    public static ChatMessage tool(String content) {
        return of("tool", content);
    }

    public ChatMessage withReasoningContent(String reasoning) {
        return new ChatMessage(role, content, Optional.of(reasoning), toolCalls);
    }

    public ChatMessage withToolCalls(List<Map<String, Object>> calls) {
        return new ChatMessage(role, content, reasoningContent, calls);
    }

    /** The message as the dict a template reads, with only the keys that are present. */
    public Map<String, Object> toTemplateMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("role", role);
        map.put("content", content);
        reasoningContent.ifPresent(reasoning -> map.put("reasoning_content", reasoning));
        if (!toolCalls.isEmpty()) {
            map.put("tool_calls", toolCalls);
        }
        return map;
    }
}
