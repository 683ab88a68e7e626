package io.github.relayllm.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.relayllm.core.template.ChatMessage;
import io.github.relayllm.core.template.ChatTemplate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the Qwen3 chat template (read from the shared oracle file, {@code -p oracle=...} to point
 * elsewhere): compiling it, rendering the RelayLLM prompt (one user message, thinking off) from
 * typed messages, and rendering the oracle's tool-calling conversation from its JSON inputs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
public class ChatTemplateBenchmark {
    @Param("../shared/oracle/chat-templates/qwen3-hybrid.json")
    public String oracle;

    private String source;
    private ChatTemplate template;
    private JsonNode toolConversation;
    private List<ChatMessage> relayPrompt;

    @Setup
    public void compile() throws IOException {
        JsonNode file = new ObjectMapper().readTree(Path.of(oracle).toFile());
        source = file.get("template").textValue();
        template = ChatTemplate.compile(source);
        for (JsonNode c : file.get("cases")) {
            if (c.get("name").textValue().equals("tools")) {
                toolConversation = c.get("inputs");
            }
        }
        relayPrompt = List.of(ChatMessage.user(
                "What is 12 * 7?\nPlease reason step by step, and put your final answer within \\boxed{}."));
    }

    @Benchmark
    public ChatTemplate compileQwen3() {
        return ChatTemplate.compile(source);
    }

    @Benchmark
    public String renderRelayPrompt() {
        return template.render(relayPrompt, List.of(), true, Map.of("enable_thinking", false));
    }

    @Benchmark
    public String renderToolConversationFromJson() {
        return template.render(toolConversation);
    }
}
