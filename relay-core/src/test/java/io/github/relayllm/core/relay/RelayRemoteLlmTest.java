package io.github.relayllm.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.relayllm.core.Model;
import io.github.relayllm.core.ModelOptions;
import io.github.relayllm.core.relay.protocol.EndReason;
import io.github.relayllm.core.relay.protocol.RelayStatus;
import io.github.relayllm.core.relay.remote.CompletionServer;
import io.github.relayllm.core.relay.remote.OpenAiCompletionsClient;
import io.github.relayllm.core.relay.remote.RemoteLlmOptions;
import io.github.relayllm.core.sampling.LogitProcessor;
import io.github.relayllm.core.sampling.SamplingParams;
import io.github.relayllm.core.tokenizer.Tokenizer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LLM side behind an OpenAI-compatible server on loopback whose answers come from the same LLM
 * run by this engine: the relay gives what the local LLM gives, and a failing server ends the request
 * with the reference's error marker, never a hang, never leaked blocks.
 */
class RelayRemoteLlmTest {
    static final String BASE = RelayDecodingTest.BASE;

    @TempDir
    static Path dir;

    static RelayPair pair;
    static CompletionServer server;

    @BeforeAll
    static void start() throws IOException {
        pair = RelayPair.write(dir);
        server = CompletionServer.start(() ->
                Model.load(dir.resolve("llm.gguf"), ModelOptions.defaults().withThreads(1)));
    }

    @AfterAll
    static void stop() {
        server.close();
        pair.close();
    }

    @AfterEach
    void poolIsEmptyAndServerServes() {
        assertThat(pair.slm().cachePool().usedBlocks()).isZero();
        server.serve();
    }

    static RelayResult run(RemoteLlmOptions remote) {
        Tokenizer tokenizer = pair.slm().tokenizer();
        int eos = tokenizer.endOfGenerationIds().getFirst();
        int[] script = RelayDecodingTest.concat(
                tokenizer.encode(RelayDecodingTest.TURN_1, Tokenizer.Specials.AS_TEXT),
                tokenizer.encode(RelayDecodingTest.TURN_2, Tokenizer.Specials.AS_TEXT));
        RelayOptions options = RelayOptions.paper()
                .withSampling(SamplingParams.GREEDY)
                .withLogitProcessors(new ScriptedWriter(script, eos), LogitProcessor.NONE);
        try (OpenAiCompletionsClient client = new OpenAiCompletionsClient(remote)) {
            return new Relay(pair.slm(), new LlmSide.Remote(client)).run(BASE, options, RelayListener.NONE);
        }
    }

    static RemoteLlmOptions fast(URI url) {
        return RemoteLlmOptions.of(url)
                .withRequestTimeout(Duration.ofMillis(300))
                .withMaxAttempts(2)
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(20));
    }

    @Test
    void aRemoteLlmWritesWhatTheSameLlmWritesLocally() {
        RelayResult remote = run(RemoteLlmOptions.of(server.baseUrl()));
        Tokenizer tokenizer = pair.slm().tokenizer();
        int eos = tokenizer.endOfGenerationIds().getFirst();
        int[] script = RelayDecodingTest.concat(
                tokenizer.encode(RelayDecodingTest.TURN_1, Tokenizer.Specials.AS_TEXT),
                tokenizer.encode(RelayDecodingTest.TURN_2, Tokenizer.Specials.AS_TEXT));
        RelayResult local = pair.relay()
                .run(
                        BASE,
                        RelayOptions.paper()
                                .withSampling(SamplingParams.GREEDY)
                                .withLogitProcessors(new ScriptedWriter(script, eos), LogitProcessor.NONE),
                        RelayListener.NONE);

        assertThat(remote.outcome().finalAnswer()).isEqualTo(local.outcome().finalAnswer());
        assertThat(remote.outcome().llmGeneratedTokens()).isEqualTo(3);
        assertThat(remote.outcome().status()).isEqualTo(RelayStatus.DONE);
        assertThat(server.lastRequest().orElseThrow().get("max_tokens").asInt()).isEqualTo(3);
        assertThat(server.lastRequest().orElseThrow().get("prompt").asText()).isEqualTo(BASE + "Let me think:");
        assertThat(remote.accounting().timings().remoteNanos()).isPositive();
    }

    @Test
    void aServerErrorEndsTheRequestWithTheReferencesMarker() {
        server.failFirst(100, 500);
        RelayResult result = run(fast(server.baseUrl()));
        assertThat(result.outcome().status()).isEqualTo(RelayStatus.FAILED);
        assertThat(result.outcome().end()).isEqualTo(EndReason.LLM_ERROR);
        assertThat(result.outcome().finalAnswer()).endsWith(RelayDecodingTest.TURN_1 + "\n[Error: Service status 500]");
    }

    @Test
    void aHangingServerTimesOut() {
        server.hang();
        RelayResult result = run(fast(server.baseUrl()));
        assertThat(result.outcome().finalAnswer()).endsWith("\n[Error: Timed out after 300 ms]");
    }

    @Test
    void garbageJsonFailsTheRequest() {
        server.malformed();
        RelayResult result = run(fast(server.baseUrl()));
        assertThat(result.outcome().finalAnswer()).contains("\n[Error: Malformed response: ");
        assertThat(result.outcome().status()).isEqualTo(RelayStatus.FAILED);
    }

    @Test
    void aRefusedConnectionFailsTheRequest() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RelayResult result = run(fast(URI.create("http://127.0.0.1:" + port)));
        assertThat(result.outcome().finalAnswer()).contains("\n[Error: Connection failed: ");
    }
}
