package io.github.relayllm.core.relay.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemoteLlmOptionsTest {
    private static final URI SERVER = URI.create("http://127.0.0.1:8000");

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:8000, http://127.0.0.1:8000/v1/completions",
        "http://127.0.0.1:8000/, http://127.0.0.1:8000/v1/completions",
        "http://127.0.0.1:8000/v1, http://127.0.0.1:8000/v1/completions",
        "http://127.0.0.1:8000/v1/, http://127.0.0.1:8000/v1/completions",
        "http://127.0.0.1:8000/v1/completions, http://127.0.0.1:8000/v1/completions",
        "HTTPS://llm.example:443/team/llm, https://llm.example:443/team/llm/v1/completions",
    })
    void theUrlBecomesTheCompletionsEndpoint(String given, String endpoint) {
        assertThat(RemoteLlmOptions.of(URI.create(given)).url()).isEqualTo(URI.create(endpoint));
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        RemoteLlmOptions options = RemoteLlmOptions.of(SERVER);
        assertThat(options.model()).isEmpty();
        assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(options.maxAttempts()).isEqualTo(3);
        assertThat(options.initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.maxBackoff()).isEqualTo(Duration.ofSeconds(8));
        assertThat(options.withModel("qwen3-32b").withUrl(options.url()))
                .isEqualTo(new RemoteLlmOptions(
                        SERVER,
                        Optional.of("qwen3-32b"),
                        options.connectTimeout(),
                        options.requestTimeout(),
                        3,
                        options.initialBackoff(),
                        options.maxBackoff()));
    }

    @Test
    void backoffDoublesUpToItsCap() {
        RemoteLlmOptions options = RemoteLlmOptions.of(SERVER);
        assertThat(IntStream.of(1, 2, 3, 4, 5, 6, 1000).mapToObj(options::backoffAfter))
                .containsExactly(
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(8));
        assertThat(options.withBackoff(Duration.ZERO, Duration.ZERO).backoffAfter(3))
                .isZero();
    }

    @Test
    void badSettingsAreRejectedWithTheirReason() {
        RemoteLlmOptions options = RemoteLlmOptions.of(SERVER);
        assertThatThrownBy(() -> RemoteLlmOptions.of(URI.create("ftp://127.0.0.1:8000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> RemoteLlmOptions.of(URI.create("localhost:8000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> RemoteLlmOptions.of(URI.create("http:///v1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no host");
        assertThatThrownBy(() -> RemoteLlmOptions.of(URI.create("http://h:1/v1?key=x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no query");
        assertThatThrownBy(() -> options.withMaxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one attempt");
        assertThatThrownBy(() -> options.withRequestTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("request timeout must be positive");
        assertThatThrownBy(() -> options.withConnectTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connect timeout must be positive");
        assertThatThrownBy(() -> options.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 <= initial <= max");
        assertThatThrownBy(() -> options.withModel(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
    }
}
