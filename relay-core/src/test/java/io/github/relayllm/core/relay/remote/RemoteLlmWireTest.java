package io.github.relayllm.core.relay.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.relayllm.core.relay.protocol.TurnFinish;
import io.github.relayllm.core.sampling.SamplingParams;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The request body the client writes and how it reads answers, without a server. */
class RemoteLlmWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aGreedyRequestSendsOnlyWhatEveryServerReads() throws IOException {
        JsonNode body = JSON.readTree(
                CompletionsWire.requestBody(Optional.empty(), "Hi", 8, SamplingParams.GREEDY.withSeed(3)));
        assertThat(body.toString())
                .isEqualTo(
                        "{\"prompt\":\"Hi\",\"max_tokens\":8,\"temperature\":0.0,\"top_p\":1.0,\"seed\":3,\"stream\":false}");
    }

    @Test
    void idsAndTheExtraKnobsAreSentWhenGiven() throws IOException {
        SamplingParams sampling = SamplingParams.DEFAULT
                .withTemperature(0.7f)
                .withTopK(20)
                .withMinP(0.1f)
                .withTopP(0.8f);
        JsonNode body =
                JSON.readTree(CompletionsWire.requestBody(Optional.of("big"), new int[] {1, 2, 3}, 4, sampling));
        assertThat(body.path("model").asText()).isEqualTo("big");
        assertThat(body.path("prompt").toString()).isEqualTo("[1,2,3]");
        assertThat(body.path("temperature").toString()).isEqualTo("0.7");
        assertThat(body.path("top_p").toString()).isEqualTo("0.8");
        assertThat(body.path("top_k").asInt()).isEqualTo(20);
        assertThat(body.path("min_p").toString()).isEqualTo("0.1");
    }

    @Test
    void anAnswerGivesTextFinishAndCount() throws MalformedResponseException {
        RemoteCompletion stop = parse("{\"choices\":[{\"text\":\" world\",\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}");
        assertThat(stop).isEqualTo(new RemoteCompletion(" world", TurnFinish.STOP, OptionalInt.of(2), 1));
        RemoteCompletion length = parse("{\"choices\":[{\"text\":\"\\u00e9\",\"finish_reason\":\"length\"}]}");
        assertThat(length).isEqualTo(new RemoteCompletion("é", TurnFinish.LENGTH, OptionalInt.empty(), 1));
        assertThat(parse("{\"choices\":[{\"text\":\"\",\"finish_reason\":\"eos_token\"}]}")
                        .finish())
                .as("TGI before 2.2.1")
                .isEqualTo(TurnFinish.STOP);
        assertThat(parse("{\"choices\":[{\"text\":\"a\",\"finish_reason\":\"length\"}],"
                                + "\"usage\":{\"completion_tokens\":\"many\"}}")
                        .completionTokens())
                .isEmpty();
    }

    @Test
    void whatIsNoCompletionIsNamed() {
        assertMalformed("", "Malformed response: not a JSON object: an empty body");
        assertMalformed("[1]", "Malformed response: not a JSON object: [1]");
        assertMalformed("{\"choices\":[]}", "Malformed response: no choices[0].text");
        assertMalformed(
                "{\"choices\":[{\"text\":3,\"finish_reason\":\"stop\"}]}", "Malformed response: no choices[0].text");
        assertMalformed(
                "{\"choices\":[{\"text\":\"a\",\"finish_reason\":\"stop\"}]} trailing",
                "Malformed response: Unrecognized token 'trailing'");
    }

    @Test
    void sendingWhatHasNoPortableFormIsRefusedBeforeAnyRequest() {
        try (var client = new OpenAiCompletionsClient(RemoteLlmOptions.of(URI.create("http://127.0.0.1:9")))) {
            assertThatThrownBy(() -> client.complete("x", 0, SamplingParams.GREEDY))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least one token");
            assertThatThrownBy(() -> client.complete("x", 4, SamplingParams.GREEDY.withRepetitionPenalty(1.1f)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("penalties");
            assertThatThrownBy(() -> client.complete("x", 4, SamplingParams.GREEDY.withLogitBias(Map.of(1, 2f))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("logit biases");
            assertThatThrownBy(() -> client.complete(new int[0], 4, SamplingParams.GREEDY))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("empty prompt");
        }
    }

    private static RemoteCompletion parse(String body) throws MalformedResponseException {
        return CompletionsWire.parse(body.getBytes(StandardCharsets.UTF_8), 1);
    }

    private static void assertMalformed(String body, String reasonStart) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOfSatisfying(
                        MalformedResponseException.class,
                        failure -> assertThat(failure.reason()).startsWith(reasonStart));
    }
}
