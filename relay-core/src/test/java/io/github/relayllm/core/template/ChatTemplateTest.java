package io.github.relayllm.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The public API: compiling, the three ways to render, and what templates see of Java values. */
class ChatTemplateTest {
    private static final String CHATML = """
            {%- for m in messages %}<|im_start|>{{ m.role }}
            {{ m.content }}<|im_end|>
            {% endfor %}
            {%- if add_generation_prompt %}<|im_start|>assistant
            {% endif %}""";

    @Test
    void typedAndJsonRenderingAgree() throws IOException {
        ChatTemplate template = ChatTemplate.compile(CHATML);
        String typed = template.render(
                List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi")), List.of(), true, Map.of());
        JsonNode inputs = new ObjectMapper()
                .readTree("{\"messages\": [{\"role\": \"system\", \"content\": \"Be brief.\"},"
                        + " {\"role\": \"user\", \"content\": \"Hi\"}], \"add_generation_prompt\": true}");
        assertThat(typed)
                .isEqualTo(template.render(inputs))
                .isEqualTo(
                        "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void chatRenderingPassesHuggingFacesDefaults() throws IOException {
        ChatTemplate template = ChatTemplate.compile(
                "{{ tools is none }} {{ documents is none }} {{ add_generation_prompt }} {{ enable_thinking }} {{ bos_token }}");
        assertThat(template.render(new ObjectMapper()
                        .readTree("{\"messages\": [], \"enable_thinking\": false, \"bos_token\": \"<s>\"}")))
                .isEqualTo("True True False False <s>");
        assertThat(template.render(List.of(), List.of(), false, Map.of("enable_thinking", true)))
                .isEqualTo("True True False True ");
        // The plain variables form passes exactly what it is given, as jinja2's Template.render.
        assertThat(template.render(Map.of())).isEqualTo("False False   ");
    }

    @Test
    void messagesShowOnlyTheKeysTheyHave() {
        ChatTemplate template = ChatTemplate.compile(
                "{% for m in messages %}{{ m.reasoning_content is defined }}/{{ m.tool_calls is defined }}:"
                        + "{{ m.reasoning_content }}{{ m.tool_calls|length }} {% endfor %}");
        List<ChatMessage> messages = List.of(
                ChatMessage.user("q"),
                ChatMessage.assistant("a").withReasoningContent("because"),
                ChatMessage.assistant("")
                        .withToolCalls(List.of(Map.of("function", Map.of("name", "f", "arguments", Map.of())))));
        assertThat(template.render(messages, List.of(), false, Map.of()))
                .isEqualTo("False/False:0 True/False:because0 False/True:1 ");
        assertThat(messages.get(1).toTemplateMap())
                .containsExactly(
                        Map.entry("role", "assistant"),
                        Map.entry("content", "a"),
                        Map.entry("reasoning_content", "because"));
        assertThat(messages.get(1).reasoningContent()).isEqualTo(Optional.of("because"));
    }

    @Test
    void javaValuesBecomeTheirPythonCounterparts() {
        ChatTemplate template = ChatTemplate.compile("{{ values }} {{ values[5] is none }}");
        List<Object> values =
                new ArrayList<>(List.of(1, 2L, 1.5, 2.5f, true, "s", List.of(), Map.of(), new BigInteger("7")));
        values.add(5, null);
        assertThat(template.render(Map.of("values", values)))
                .isEqualTo("[1, 2, 1.5, 2.5, True, None, 's', [], {}, 7] True");
    }

    @Test
    void rejectsValuesATemplateCanNotRead() {
        ChatTemplate template = ChatTemplate.compile("{{ x }}");
        assertThatThrownBy(() -> template.render(Map.of("x", new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> template.render(Map.of("x", BigInteger.TEN.pow(30))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit in 64 bits");
        assertThatThrownBy(() -> template.render(new ObjectMapper().createArrayNode()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneTemplateRendersFromManyThreadsAtOnce() throws Exception {
        ChatTemplate template = ChatTemplate.compile(
                "{% set ns = namespace(n=0) %}{% for m in messages %}{% set ns.n = ns.n + m|length %}{% endfor %}{{ ns.n }}");
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int n = i;
                results.add(pool.submit(() -> template.render(Map.of("messages", List.of("x".repeat(n), "yy")))));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(String.valueOf(i + 2));
            }
        }
    }

    @Test
    void keepsItsSource() {
        assertThat(ChatTemplate.compile(CHATML).source()).isEqualTo(CHATML);
    }
}
