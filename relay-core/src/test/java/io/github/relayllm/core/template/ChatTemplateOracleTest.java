package io.github.relayllm.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.relayllm.kernels.testkit.SharedOracle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the shared chat-template oracle (Qwen3 templates rendered by Python jinja2 the way
 * Hugging Face renders them) must come out byte for byte the same.
 */
class ChatTemplateOracleTest {
    private static final List<String> FILES = List.of("qwen3-hybrid.json", "qwen3-2507-thinking.json");

    static Stream<Arguments> oracleCases() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Arguments> cases = new ArrayList<>();
        for (String file : FILES) {
            JsonNode oracle = json.readTree(
                    SharedOracle.require("oracle/chat-templates/" + file).toFile());
            ChatTemplate template = ChatTemplate.compile(oracle.get("template").textValue());
            for (JsonNode c : oracle.get("cases")) {
                cases.add(Arguments.of(
                        file + ": " + c.get("name").textValue(),
                        template,
                        c.get("inputs"),
                        c.get("expected").textValue()));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oracleCases")
    void rendersExactlyAsJinja2(String name, ChatTemplate template, JsonNode inputs, String expected) {
        assertThat(template.render(inputs)).isEqualTo(expected);
    }
}
