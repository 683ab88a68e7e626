package io.github.relayllm.core.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A compiled chat template: the Jinja source of a model's {@code tokenizer_config.json} (or GGUF
 * {@code tokenizer.chat_template}), rendered exactly as Hugging Face's {@code apply_chat_template}
 * renders it with jinja2 ({@code ImmutableSandboxedEnvironment(trim_blocks=True,
 * lstrip_blocks=True)}, loop controls, {@code tojson} as {@code json.dumps(ensure_ascii=False)},
 * and the {@code raise_exception} and {@code strftime_now} globals).
 *
 * <pre>{@code
 * ChatTemplate template = ChatTemplate.compile(source);
 * String prompt = template.render(
 *         List.of(ChatMessage.user("What is 12 * 7?")), List.of(), true, Map.of("enable_thinking", false));
 * }</pre>
 *
 * <p>Compile once, render many times: compiling lexes and parses the source; rendering walks the
 * parsed tree and costs a few microseconds for a typical prompt. A template is immutable and may
 * be rendered from several threads at once. Every failure is a {@link TemplateException} naming
 * the template line.
 */
public final class ChatTemplate {
    private final String source;
    private final List<Statement> body;
    private final Scope globals;
    private final Clock clock;

    private ChatTemplate(String source, List<Statement> body, Clock clock) {
        this.source = source;
        this.body = body;
        this.clock = clock;
        this.globals = Scope.globals(BuiltinGlobals.create(clock));
    }

    /** Compiles {@code source}; a syntax error, unknown tag, filter or test is a {@link TemplateException}. */
    public static ChatTemplate compile(String source) {
        Objects.requireNonNull(source, "source");
        try {
            return new ChatTemplate(source, Parser.parse(Lexer.tokenize(source)), Clock.systemDefaultZone());
        } catch (StackOverflowError e) {
            throw new TemplateException(
                    TemplateException.Kind.SYNTAX, new Position(1, 0), "the template nests too deeply to parse");
        }
    }

    /** The same template with {@code strftime_now} reading {@code clock} (the system clock by default). */
    public ChatTemplate withClock(Clock clock) {
        return new ChatTemplate(source, body, Objects.requireNonNull(clock, "clock"));
    }

    /** The template source as given. */
    public String source() {
        return source;
    }

    /**
     * Renders with exactly these variables, as jinja2's {@code Template.render(**variables)}: values
     * may be maps, lists, strings, numbers, booleans, null, {@link ChatMessage}s or Jackson nodes.
     */
    public String render(Map<String, ?> variables) {
        Scope scope = globals.child();
        variables.forEach((name, value) -> scope.assign(name, ValueConversion.fromJava(value)));
        try {
            return new Interpreter().render(body, scope);
        } catch (StackOverflowError e) {
            throw new TemplateException(
                    TemplateException.Kind.RENDER, new Position(1, 0), "the template nests too deeply to render");
        }
    }

    /**
     * Renders a conversation as {@code apply_chat_template(messages, tools=tools,
     * add_generation_prompt=..., **extraVariables)} does. {@code tools} empty is passed as none, as
     * Hugging Face passes an absent tool list; {@code extraVariables} carries template switches such
     * as {@code enable_thinking} and the special tokens ({@code bos_token}, {@code eos_token}).
     */
    public String render(
            List<ChatMessage> messages,
            List<Map<String, Object>> tools,
            boolean addGenerationPrompt,
            Map<String, ?> extraVariables) {
        Map<String, Object> variables = new LinkedHashMap<>(extraVariables);
        variables.put("messages", messages);
        variables.put("tools", tools.isEmpty() ? null : tools);
        variables.put("add_generation_prompt", addGenerationPrompt);
        return renderChat(variables);
    }

    /**
     * Renders from a JSON object holding {@code apply_chat_template}'s arguments: {@code messages},
     * optional {@code tools}, {@code documents} and {@code add_generation_prompt}, and any other key
     * as a template variable ({@code enable_thinking}, {@code bos_token}, {@code date_string}, ...).
     * Missing {@code tools} and {@code documents} are none and {@code add_generation_prompt} is
     * false, as in Hugging Face.
     */
    public String render(JsonNode inputs) {
        if (!inputs.isObject()) {
            throw new IllegalArgumentException(
                    "chat template inputs must be a JSON object, not " + inputs.getNodeType());
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        inputs.properties().forEach(entry -> variables.put(entry.getKey(), entry.getValue()));
        return renderChat(variables);
    }

    private String renderChat(Map<String, Object> variables) {
        variables.putIfAbsent("tools", null);
        variables.putIfAbsent("documents", null);
        variables.putIfAbsent("add_generation_prompt", false);
        return render(variables);
    }
}
