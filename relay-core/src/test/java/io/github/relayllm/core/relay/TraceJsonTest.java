package io.github.relayllm.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trace's JSON: its shape, its derived fields, and a round trip through a file. */
class TraceJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTraceSurvivesARoundTripThroughAFile(@TempDir Path dir) throws IOException {
        RelayTrace trace = SampleTraces.hostile();
        Path file = dir.resolve("trace.json");

        TraceJson.write(trace, file);

        assertThat(TraceJson.read(file)).isEqualTo(trace);
    }

    @Test
    void anEmptyTraceSurvivesARoundTrip() throws IOException {
        RelayTrace trace = new RelayTrace("", List.of());

        assertThat(TraceJson.fromJson(TraceJson.toJson(trace))).isEqualTo(trace);
    }

    @Test
    void segmentsCarryTheirOffsetsInTheAnswer() throws IOException {
        JsonNode root = JSON.readTree(TraceJson.toJson(SampleTraces.slmLlmSlmMarker()));

        JsonNode llm = root.get("segments").get(1);
        assertThat(llm.get("author").asText()).isEqualTo("llm");
        assertThat(llm.get("text").asText()).isEqualTo(" 6*7=42.");
        assertThat(llm.get("token_ids").toString()).isEqualTo("[10,11,12]");
        assertThat(List.of(
                        llm.get("turn").asInt(),
                        llm.get("call").asInt(),
                        llm.get("start_char").asInt(),
                        llm.get("end_char").asInt(),
                        llm.get("start_token").asInt(),
                        llm.get("end_token").asInt()))
                .containsExactly(1, 1, 27, 35, 5, 8);
        JsonNode marker = root.get("segments").get(3);
        assertThat(marker.get("author").asText()).isEqualTo("marker");
        assertThat(List.of(
                        marker.get("start_char").asInt(), marker.get("end_char").asInt()))
                .containsExactly(49, 71);
        assertThat(List.of(
                        marker.get("start_token").asInt(),
                        marker.get("end_token").asInt()))
                .containsExactly(10, 10);
    }

    @Test
    void handOffsAndTokenCountsAreWrittenOut() throws IOException {
        JsonNode root = JSON.readTree(TraceJson.toJson(SampleTraces.slmLlmSlmMarker()));

        assertThat(root.get("answer").asText())
                .isEqualTo(SampleTraces.slmLlmSlmMarker().answer());
        assertThat(root.get("hand_offs")).isEqualTo(JSON.readTree("""
                        [{"at_char": 27, "at_token": 5, "from": "slm", "to": "llm", "turn": 1, "call": 1, "segment": 1},
                         {"at_char": 35, "at_token": 8, "from": "llm", "to": "slm", "turn": 2, "call": 1, "segment": 2}]
                        """));
        assertThat(root.get("tokens")).isEqualTo(JSON.readTree("{\"slm\": 7, \"llm\": 3, \"scheduler\": 0}"));
    }

    @Test
    void derivedFieldsAreRebuiltNotTrusted() throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(TraceJson.toJson(SampleTraces.slmLlmSlmMarker()));
        root.put("answer", "edited by hand");
        root.putArray("hand_offs");

        assertThat(TraceJson.fromJson(root.toString())).isEqualTo(SampleTraces.slmLlmSlmMarker());
    }

    @Test
    void aBadFieldIsNamed() {
        String json = TraceJson.toJson(SampleTraces.slmLlmSlmMarker());

        assertThatThrownBy(() -> TraceJson.fromJson(json.replace("\"llm\",", "\"gpu\",")))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("segments[1].author")
                .hasMessageContaining("gpu");
        assertThatThrownBy(() -> TraceJson.fromJson(json.replace("[10, 11, 12]", "[10, \"x\", 12]")))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("segments[1].token_ids[1]");
        assertThatThrownBy(() -> TraceJson.fromJson("{\"segments\": []}"))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("base_prompt");
        assertThatThrownBy(() -> TraceJson.fromJson("not json"))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("not JSON");
    }
}
