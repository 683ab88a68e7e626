package io.github.relayllm.bench.eval.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.relayllm.core.relay.remote.RemoteLlmException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenAiChatClientTest {
    private static ChatOptions quick(JudgeServer server, Duration timeout) {
        return ChatOptions.of(server.baseUrl(), Optional.of("gpt-4o-mini"), timeout)
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(20));
    }

    @Test
    void sendsOneGreedyUserMessageAndReadsTheReply() throws Exception {
        try (JudgeServer server = JudgeServer.start();
                OpenAiChatClient client = new OpenAiChatClient(quick(server, Duration.ofSeconds(10)))) {
            assertThat(client.reply("is it " + JudgeServer.SAYS_YES + "?", 16)).isEqualTo("**Correct.**");
            assertThat(client.reply("is it?", 16)).isEqualTo("Incorrect");
            JsonNode body = server.requests().getFirst();
            assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(body.get("temperature").asDouble()).isZero();
            assertThat(body.get("max_tokens").asInt()).isEqualTo(16);
            assertThat(body.get("stream").asBoolean()).isFalse();
            assertThat(body.get("messages")).hasSize(1);
            assertThat(body.at("/messages/0/role").asText()).isEqualTo("user");
            assertThat(body.at("/messages/0/content").asText()).isEqualTo("is it " + JudgeServer.SAYS_YES + "?");
        }
    }

    @Test
    void anApiKeyGoesInTheAuthorizationHeaderAndNeverIntoTheOptionsText() throws Exception {
        try (JudgeServer server = JudgeServer.start()) {
            ChatOptions keyed = quick(server, Duration.ofSeconds(10)).withApiKey("sk-test-123");
            try (OpenAiChatClient client = new OpenAiChatClient(keyed)) {
                client.reply("q", 16);
            }
            try (OpenAiChatClient client = new OpenAiChatClient(quick(server, Duration.ofSeconds(10)))) {
                client.reply("q", 16);
            }
            assertThat(server.authorizations()).containsExactly("Bearer sk-test-123", "null");
            assertThat(keyed.toString()).doesNotContain("sk-test-123").contains("apiKey=***");
            assertThatThrownBy(() -> keyed.withApiKey(" ")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void serverErrorsAreRetriedThenReported() throws Exception {
        try (JudgeServer server = JudgeServer.start().failWith(503);
                OpenAiChatClient client = new OpenAiChatClient(quick(server, Duration.ofSeconds(10)))) {
            assertThatThrownBy(() -> client.reply("q", 16)).isInstanceOfSatisfying(RemoteLlmException.class, e -> {
                assertThat(e.kind()).isEqualTo(RemoteLlmException.Kind.SERVICE_STATUS);
                assertThat(e.reason()).isEqualTo("Service status 503");
                assertThat(e.attempts()).isEqualTo(3);
                assertThat(e.getMessage()).contains("judge overloaded");
            });
            assertThat(server.requests()).hasSize(3);
        }
    }

    @Test
    void clientErrorsAndMalformedRepliesAreNotRetried() throws Exception {
        try (JudgeServer server = JudgeServer.start().failWith(400);
                OpenAiChatClient client = new OpenAiChatClient(quick(server, Duration.ofSeconds(10)))) {
            assertThatThrownBy(() -> client.reply("q", 16))
                    .isInstanceOfSatisfying(
                            RemoteLlmException.class,
                            e -> assertThat(e.attempts()).isEqualTo(1));
            server.garbage();
            assertThatThrownBy(() -> client.reply("q", 16)).isInstanceOfSatisfying(RemoteLlmException.class, e -> {
                assertThat(e.kind()).isEqualTo(RemoteLlmException.Kind.MALFORMED_RESPONSE);
                assertThat(e.attempts()).isEqualTo(1);
            });
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void aHangingServerTimesOutOnEveryAttempt() throws Exception {
        try (JudgeServer server = JudgeServer.start().hang();
                OpenAiChatClient client = new OpenAiChatClient(quick(server, Duration.ofMillis(200)))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.reply("q", 16)).isInstanceOfSatisfying(RemoteLlmException.class, e -> {
                assertThat(e.kind()).isEqualTo(RemoteLlmException.Kind.TIMED_OUT);
                assertThat(e.reason()).isEqualTo("Timed out after 200 ms");
                assertThat(e.attempts()).isEqualTo(3);
            });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void theEndpointIsCompletedFromAServersBase() {
        Duration t = Duration.ofSeconds(1);
        for (String url :
                new String[] {"http://h:8000", "http://h:8000/", "http://h:8000/v1", "http://h:8000/v1/chat/completions"
                }) {
            assertThat(ChatOptions.of(URI.create(url), Optional.empty(), t).url())
                    .isEqualTo(URI.create("http://h:8000/v1/chat/completions"));
        }
        assertThatThrownBy(() -> ChatOptions.of(URI.create("ftp://h/"), Optional.empty(), t))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> ChatOptions.of(URI.create("http://h:1"), Optional.of(" "), t))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChatOptions.of(URI.create("http://h:1"), Optional.empty(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
