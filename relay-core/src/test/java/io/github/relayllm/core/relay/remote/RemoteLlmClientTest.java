package io.github.relayllm.core.relay.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.relayllm.core.Model;
import io.github.relayllm.core.generate.FinishReason;
import io.github.relayllm.core.generate.GenerationListener;
import io.github.relayllm.core.generate.GenerationRequest;
import io.github.relayllm.core.generate.GenerationResult;
import io.github.relayllm.core.relay.protocol.TurnFinish;
import io.github.relayllm.core.sampling.SamplingParams;
import io.github.relayllm.core.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a server that runs a real model: what comes back over HTTP is what the model
 * writes locally for the same prompt and settings, and retried failures do not change it.
 */
class RemoteLlmClientTest {
    @TempDir
    static Path dir;

    private static CompletionServer server;

    @BeforeAll
    static void startServer() throws IOException {
        Path file = TinyLlm.write(dir, "llm", 21);
        server = CompletionServer.start(() -> TinyLlm.load(file));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void serveNormally() {
        server.serve();
    }

    private static OpenAiCompletionsClient client() {
        return new OpenAiCompletionsClient(RemoteLlmOptions.of(server.baseUrl())
                .withModel("tiny-llm")
                .withRequestTimeout(Duration.ofSeconds(30))
                .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)));
    }

    @Test
    void aTextPromptIsAnsweredAsTheModelWritesLocally() throws RemoteLlmException {
        String prompt = "Once upon a time, <|endoftext|> a relay";
        RemoteCompletion remote;
        try (OpenAiCompletionsClient client = client()) {
            remote = client.complete(prompt, 12, SamplingParams.GREEDY);
        }
        GenerationResult local =
                local(m -> m.encodePrompt(prompt, Tokenizer.Specials.PARSE), 12, SamplingParams.GREEDY);

        assertThat(local.finishReason()).as("random weights rarely write EOS").isEqualTo(FinishReason.LENGTH);
        assertSame(remote, local);
        assertThat(remote.attempts()).isEqualTo(1);
        JsonNode sent = server.lastRequest().orElseThrow();
        assertThat(sent.path("model").asText()).isEqualTo("tiny-llm");
        assertThat(sent.path("prompt").asText()).isEqualTo(prompt);
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(12);
        assertThat(sent.path("temperature").asDouble()).isZero();
        assertThat(sent.path("stream").asBoolean(true)).isFalse();
        assertThat(sent.has("top_k")).as("top-k is sent only when on").isFalse();
    }

    @Test
    void aPromptOfTokenIdsIsFedAsGiven() throws RemoteLlmException {
        int[] ids = {72, 101, 108, 108, 111, 511, 44, 32, 119};
        RemoteCompletion remote;
        try (OpenAiCompletionsClient client = client()) {
            remote = client.complete(ids, 7, SamplingParams.GREEDY);
        }
        assertSame(remote, local(m -> ids, 7, SamplingParams.GREEDY));
        assertThat(server.lastRequest().orElseThrow().path("prompt").isArray()).isTrue();
    }

    @Test
    void samplingSettingsReachTheServerIntact() throws RemoteLlmException {
        SamplingParams sampling = SamplingParams.DEFAULT
                .withTemperature(0.7f)
                .withTopK(40)
                .withTopP(0.9f)
                .withMinP(0.05f)
                .withSeed(1234);
        String prompt = "The large model writes";
        RemoteCompletion remote;
        try (OpenAiCompletionsClient client = client()) {
            remote = client.complete(prompt, 10, sampling);
        }
        assertSame(remote, local(m -> m.encodePrompt(prompt, Tokenizer.Specials.PARSE), 10, sampling));
        assertThat(server.lastRequest().orElseThrow().path("top_k").asInt()).isEqualTo(40);
    }

    @Test
    void serverErrorsAreRetriedUntilAnAnswerComes() throws RemoteLlmException {
        server.failFirst(2, 500);
        String prompt = "retry me";
        RemoteCompletion remote;
        int before = server.requests();
        try (OpenAiCompletionsClient client = client()) {
            remote = client.complete(prompt, 5, SamplingParams.GREEDY);
        }
        assertThat(remote.attempts()).isEqualTo(3);
        assertThat(server.requests() - before).isEqualTo(3);
        assertSame(remote, local(m -> m.encodePrompt(prompt, Tokenizer.Specials.PARSE), 5, SamplingParams.GREEDY));
    }

    @Test
    void anOverloadedServerIsRetried() throws RemoteLlmException {
        server.failFirst(1, 429);
        try (OpenAiCompletionsClient client = client()) {
            assertThat(client.complete("busy", 3, SamplingParams.GREEDY).attempts())
                    .isEqualTo(2);
        }
    }

    private static GenerationResult local(Function<Model, int[]> prompt, int maxTokens, SamplingParams sampling) {
        return server.withModel(m -> m.generate(
                prompt.apply(m), GenerationRequest.greedy(maxTokens).withSampling(sampling), GenerationListener.NONE));
    }

    /** The remote answer is the local one: text, finish and token count. */
    private static void assertSame(RemoteCompletion remote, GenerationResult local) {
        boolean eos = local.finishReason() == FinishReason.EOS;
        assertThat(remote.text()).isEqualTo(local.text());
        assertThat(remote.finish()).isEqualTo(eos ? TurnFinish.STOP : TurnFinish.LENGTH);
        assertThat(remote.completionTokens())
                .isEqualTo(OptionalInt.of(local.ids().size() + (eos ? 1 : 0)));
    }
}
