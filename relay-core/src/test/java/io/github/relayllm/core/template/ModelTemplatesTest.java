package io.github.relayllm.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Published chat templates of other model families, beyond the Qwen3 oracle.
 *
 * <p>The template sources under {@code models/} were written from memory of the
 * {@code tokenizer_config.json} files of Llama-3.1-8B-Instruct, Llama-2-7b-chat-hf,
 * Qwen2.5-7B-Instruct and gemma-7b-it ({@code llama-3.2-date.jinja} keeps only the date logic of
 * Llama 3.2's template); they may differ from the published files in details, but they exercise the
 * same constructs. The expected strings were derived by hand and then checked against Python jinja2
 * 3.1.6 in Hugging Face's environment, which rendered every one of them identically.
 */
class ModelTemplatesTest {
    /** Parsed from JSON so that its keys keep their order, as a Python dict's do. */
    private static final Map<String, Object> WEATHER_TOOL = parseJson("""
            {"type": "function", "function": {"name": "get_weather", "description": "Current weather",
             "parameters": {"type": "object", "properties": {"city": {"type": "string", "description": "City name"}},
                            "required": ["city"]}}}""");

    private static final ChatMessage WEATHER_CALL = ChatMessage.assistant("")
            .withToolCalls(List.of(Map.of(
                    "type",
                    "function",
                    "function",
                    Map.of("name", "get_weather", "arguments", Map.of("city", "Paris")))));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseJson(String json) {
        try {
            return new ObjectMapper().readValue(json, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ChatTemplate template(String name) throws IOException {
        try (InputStream in = ModelTemplatesTest.class.getResourceAsStream("models/" + name)) {
            return ChatTemplate.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void llama31PutsSystemAndDefaultDateInTheSystemHeader() throws IOException {
        String prompt = template("llama-3.1-instruct.jinja")
                .render(
                        List.of(ChatMessage.system("You are helpful. "), ChatMessage.user(" Hi! ")),
                        List.of(),
                        true,
                        Map.of("bos_token", "<|begin_of_text|>"));
        assertThat(prompt)
                .isEqualTo("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
                        + "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n"
                        + "You are helpful.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n"
                        + "Hi!<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n");
    }

    @Test
    void llama31PutsToolsIntoTheFirstUserMessageAsIndentedJson() throws IOException {
        String prompt = template("llama-3.1-instruct.jinja")
                .render(
                        List.of(
                                ChatMessage.user("Weather in Paris?"),
                                WEATHER_CALL,
                                ChatMessage.tool("{\"temp\": 21}")),
                        List.of(WEATHER_TOOL),
                        true,
                        Map.of("bos_token", "<|begin_of_text|>", "date_string", "02 Jan 2025"));
        String toolJson = """
                {
                    "type": "function",
                    "function": {
                        "name": "get_weather",
                        "description": "Current weather",
                        "parameters": {
                            "type": "object",
                            "properties": {
                                "city": {
                                    "type": "string",
                                    "description": "City name"
                                }
                            },
                            "required": [
                                "city"
                            ]
                        }
                    }
                }""";
        assertThat(prompt)
                .isEqualTo("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
                        + "Environment: ipython\nCutting Knowledge Date: December 2023\nToday Date: 02 Jan 2025\n\n"
                        + "<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n"
                        + "Given the following functions, please respond with a JSON for a function call with its proper"
                        + " arguments that best answers the given prompt.\n\n"
                        + "Respond in the format {\"name\": function name, \"parameters\": dictionary of argument name and"
                        + " its value}.Do not use variables.\n\n"
                        + toolJson + "\n\n"
                        + "Weather in Paris?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n"
                        + "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}<|eot_id|>"
                        // A string is 'iterable', so the tool result goes through tojson and gets quoted.
                        + "<|start_header_id|>ipython<|end_header_id|>\n\n\"{\\\"temp\\\": 21}\"<|eot_id|>"
                        + "<|start_header_id|>assistant<|end_header_id|>\n\n");
    }

    @Test
    void llama31CallsBuiltinToolsWithThePythonTag() throws IOException {
        ChatMessage search = ChatMessage.assistant("")
                .withToolCalls(List.of(
                        Map.of("function", Map.of("name", "brave_search", "arguments", Map.of("query", "x y")))));
        String prompt = template("llama-3.1-instruct.jinja")
                .render(
                        List.of(ChatMessage.system("Sys"), ChatMessage.user("Search it"), search),
                        List.of(),
                        false,
                        Map.of(
                                "bos_token",
                                "<|begin_of_text|>",
                                "builtin_tools",
                                List.of("brave_search", "code_interpreter")));
        assertThat(prompt)
                .isEqualTo("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
                        + "Environment: ipython\nTools: brave_search\n\n"
                        + "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n"
                        + "Sys<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nSearch it<|eot_id|>"
                        + "<|start_header_id|>assistant<|end_header_id|>\n\n"
                        + "<|python_tag|>brave_search.call(query=\"x y\")<|eom_id|>");
    }

    @Test
    void llama31RejectsParallelToolCalls() throws IOException {
        ChatMessage twoCalls = WEATHER_CALL.withToolCalls(List.of(
                WEATHER_CALL.toolCalls().getFirst(), WEATHER_CALL.toolCalls().getFirst()));
        ChatTemplate template = template("llama-3.1-instruct.jinja");
        assertThatThrownBy(() -> template.render(List.of(ChatMessage.user("a"), twoCalls), List.of(), false, Map.of()))
                .isInstanceOfSatisfying(TemplateException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TemplateException.Kind.RAISED);
                    assertThat(e.problem()).isEqualTo("This model only supports single tool-calls at once!");
                    assertThat(e.line()).isEqualTo(71);
                });
    }

    @Test
    void llama32DatesThePromptWithStrftimeNow() throws IOException {
        Clock clock = Clock.fixed(Instant.parse("2025-03-07T10:15:30Z"), ZoneOffset.UTC);
        String prompt = template("llama-3.2-date.jinja")
                .withClock(clock)
                .render(List.of(ChatMessage.user("Date?")), List.of(), true, Map.of("bos_token", "<|begin_of_text|>"));
        assertThat(prompt)
                .isEqualTo("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
                        + "Cutting Knowledge Date: December 2023\nToday Date: 07 Mar 2025\n\n"
                        + "<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nDate?<|eot_id|>"
                        + "<|start_header_id|>assistant<|end_header_id|>\n\n");
    }

    @Test
    void llama2WrapsTheSystemPromptIntoTheFirstInstruction() throws IOException {
        String prompt = template("llama-2-chat.jinja")
                .render(
                        List.of(
                                ChatMessage.system("Be brief."),
                                ChatMessage.user(" Hi "),
                                ChatMessage.assistant(" Hello! "),
                                ChatMessage.user("How are you?")),
                        List.of(),
                        false,
                        Map.of("bos_token", "<s>", "eos_token", "</s>"));
        assertThat(prompt)
                .isEqualTo(
                        "<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\n Hi [/INST] Hello! </s><s>[INST] How are you? [/INST]");
    }

    @Test
    void llama2InsistsOnAlternatingRoles() throws IOException {
        ChatTemplate template = template("llama-2-chat.jinja");
        List<ChatMessage> twoUsers = List.of(ChatMessage.user("a"), ChatMessage.user("b"));
        assertThatThrownBy(() -> template.render(twoUsers, List.of(), false, Map.of("bos_token", "<s>")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("line 1")
                .hasMessageEndingWith("Conversation roles must alternate user/assistant/user/assistant/...");
    }

    @Test
    void qwen25AddsItsDefaultSystemPrompt() throws IOException {
        String prompt =
                template("qwen2.5-instruct.jinja").render(List.of(ChatMessage.user("Hi")), List.of(), true, Map.of());
        assertThat(prompt)
                .isEqualTo("<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant."
                        + "<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void qwen25RendersToolsCallsAndGroupedToolResponses() throws IOException {
        String prompt = template("qwen2.5-instruct.jinja")
                .render(
                        List.of(
                                ChatMessage.system("Be exact."),
                                ChatMessage.user("Weather in Paris?"),
                                WEATHER_CALL,
                                ChatMessage.tool("{\"temp\": 21}"),
                                ChatMessage.tool("sunny")),
                        List.of(WEATHER_TOOL),
                        true,
                        Map.of());
        assertThat(prompt)
                .isEqualTo("<|im_start|>system\nBe exact.\n\n# Tools\n\nYou may call one or more functions to assist"
                        + " with the user query.\n\nYou are provided with function signatures within <tools></tools>"
                        + " XML tags:\n<tools>\n"
                        + "{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"description\":"
                        + " \"Current weather\", \"parameters\": {\"type\": \"object\", \"properties\": {\"city\":"
                        + " {\"type\": \"string\", \"description\": \"City name\"}}, \"required\": [\"city\"]}}}\n"
                        + "</tools>\n\nFor each function call, return a json object with function name and arguments"
                        + " within <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>,"
                        + " \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n"
                        + "<|im_start|>user\nWeather in Paris?<|im_end|>\n"
                        + "<|im_start|>assistant\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\":"
                        + " \"Paris\"}}\n</tool_call><|im_end|>\n"
                        + "<|im_start|>user\n<tool_response>\n{\"temp\": 21}\n</tool_response>\n<tool_response>\n"
                        + "sunny\n</tool_response><|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void gemmaRenamesTheAssistantAndRejectsSystemMessages() throws IOException {
        ChatTemplate template = template("gemma-it.jinja");
        String prompt = template.render(
                List.of(ChatMessage.user(" Hi "), ChatMessage.assistant("Hello")),
                List.of(),
                true,
                Map.of("bos_token", "<bos>"));
        assertThat(prompt)
                .isEqualTo("<bos><start_of_turn>user\nHi<end_of_turn>\n<start_of_turn>model\nHello<end_of_turn>\n"
                        + "<start_of_turn>model\n");
        assertThatThrownBy(() -> template.render(List.of(ChatMessage.system("x")), List.of(), true, Map.of()))
                .isInstanceOfSatisfying(
                        TemplateException.class, e -> assertThat(e.problem()).isEqualTo("System role not supported"));
    }
}
