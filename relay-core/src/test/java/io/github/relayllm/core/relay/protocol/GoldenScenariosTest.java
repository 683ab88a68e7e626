package io.github.relayllm.core.relay.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.relayllm.core.relay.protocol.ProtocolStep.Finished;
import io.github.relayllm.core.relay.protocol.ProtocolStep.LlmCall;
import io.github.relayllm.core.relay.protocol.ProtocolStep.SlmTurn;
import io.github.relayllm.kernels.testkit.SharedOracle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 19 golden scenarios of {@code ../shared/oracle/relay-protocol/scenarios.json}, each checked
 * against the official loop: scripted SLM and LLM outputs in, and exactly the prompts each model is
 * given, its max tokens, the final answer, status and counters out.
 */
class GoldenScenariosTest {

    static Stream<JsonNode> scenarios() throws IOException {
        JsonNode root = new ObjectMapper()
                .readTree(SharedOracle.require("oracle/relay-protocol/scenarios.json")
                        .toFile());
        return StreamSupport.stream(root.get("scenarios").spliterator(), false);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("scenarios")
    void matchesTheOfficialLoop(JsonNode scenario) {
        JsonNode inputs = scenario.get("inputs");
        JsonNode expected = scenario.get("expected");
        ProtocolOptions options = ProtocolOptions.reference();
        if (inputs.has("global_max")) {
            options = options.withGlobalMaxTokens(inputs.get("global_max").asInt());
        }
        Iterator<JsonNode> slm = inputs.get("slm").iterator();
        Iterator<JsonNode> llm = inputs.get("llm").iterator();
        List<String> slmPrompts = new ArrayList<>();
        List<Integer> slmMaxTokens = new ArrayList<>();
        List<String> llmPrompts = new ArrayList<>();
        List<Integer> llmMaxTokens = new ArrayList<>();

        RelayProtocol protocol = new RelayProtocol(inputs.get("base_prompt").asText(), options);
        ProtocolStep step = protocol.next();
        while (!(step instanceof Finished)) {
            switch (step) {
                case SlmTurn turn -> {
                    slmPrompts.add(turn.prompt());
                    slmMaxTokens.add(turn.maxTokens());
                    protocol.slmTurnEnded(output(slm.next()));
                }
                case LlmCall call -> {
                    llmPrompts.add(call.prompt());
                    llmMaxTokens.add(call.maxTokens());
                    protocol.llmTurnEnded(output(llm.next()));
                }
                case Finished finished -> throw new AssertionError("unreachable");
            }
            step = protocol.next();
        }
        ProtocolOutcome outcome = ((Finished) step).outcome();

        assertThat(slmPrompts).isEqualTo(strings(expected.get("slm_prompts")));
        assertThat(slmMaxTokens).isEqualTo(ints(expected.get("slm_max_tokens")));
        assertThat(llmPrompts).isEqualTo(strings(expected.get("llm_prompts")));
        assertThat(llmMaxTokens).isEqualTo(ints(expected.get("llm_max_tokens")));
        assertThat(outcome.finalAnswer()).isEqualTo(expected.get("final_answer").asText());
        assertThat(outcome.status().jsonName()).isEqualTo(expected.get("status").asText());
        assertThat(outcome.turns()).isEqualTo(expected.get("turns").asInt());
        assertThat(outcome.calls()).isEqualTo(expected.get("calls").asInt());
        assertThat(outcome.slmGeneratedTokens())
                .isEqualTo(expected.get("slm_generated_tokens").asInt());
        assertThat(outcome.llmGeneratedTokens())
                .isEqualTo(expected.get("llm_generated_tokens").asInt());
        assertThat(outcome.generatedTokens())
                .isEqualTo(expected.get("generated_tokens").asInt());
    }

    private static TurnOutput output(JsonNode turn) {
        return new TurnOutput(
                turn.get("text").asText(),
                TurnFinish.valueOf(turn.get("finish").asText().toUpperCase(Locale.ROOT)),
                turn.get("tokens").asInt());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asInt()));
        return values;
    }
}
