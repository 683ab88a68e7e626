package io.github.relayllm.core.relay.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.relayllm.core.sampling.SamplingParams;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way the remote LLM can fail ends in a {@link RemoteLlmException} with the reference's text,
 * after the attempts the failure deserves, and never in a hang.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemoteLlmFailuresTest {
    @TempDir
    static Path dir;

    private static CompletionServer server;

    @BeforeAll
    static void startServer() throws IOException {
        Path file = TinyLlm.write(dir, "llm", 22);
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

    /** Three attempts, 5 ms then 10 ms apart, 30 s each unless a test says otherwise. */
    private static RemoteLlmOptions options(URI url) {
        return RemoteLlmOptions.of(url)
                .withRequestTimeout(Duration.ofSeconds(30))
                .withBackoff(Duration.ofMillis(5), Duration.ofMillis(50));
    }

    private static RemoteLlmException failure(RemoteLlmOptions options) {
        try (OpenAiCompletionsClient client = new OpenAiCompletionsClient(options)) {
            return catchThrowableOfType(
                    RemoteLlmException.class, () -> client.complete("hello", 4, SamplingParams.GREEDY));
        }
    }

    @Test
    void aServerThatKeepsFailingIsAskedMaxAttemptsTimes() {
        server.failFirst(100, 500);
        int before = server.requests();
        RemoteLlmException e = failure(options(server.baseUrl()));

        assertThat(e.reason()).isEqualTo("Service status 500");
        assertThat(e.kind()).isEqualTo(RemoteLlmException.Kind.SERVICE_STATUS);
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(server.requests() - before).isEqualTo(3);
        assertThat(e.getMessage()).contains(server.baseUrl() + "/v1/completions", "3 attempts", "failing on purpose");
    }

    @Test
    void aClientErrorIsNotRetried() {
        server.failFirst(100, 400);
        int before = server.requests();
        RemoteLlmException e = failure(options(server.baseUrl()));

        assertThat(e.reason()).isEqualTo("Service status 400");
        assertThat(server.requests() - before).isEqualTo(1);
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        server.hang();
        int before = server.requests();
        RemoteLlmException e = failure(options(server.baseUrl())
                .withRequestTimeout(Duration.ofMillis(300))
                .withMaxAttempts(2));

        assertThat(e.reason()).startsWith("Timed out").isEqualTo("Timed out after 300 ms");
        assertThat(e.kind()).isEqualTo(RemoteLlmException.Kind.TIMED_OUT);
        assertThat(e.attempts()).isEqualTo(2);
        assertThat(server.requests() - before).isEqualTo(2);
    }

    @Test
    void aBodyThatIsNotJsonIsMalformedAndNotRetried() {
        server.malformed();
        int before = server.requests();
        RemoteLlmException e = failure(options(server.baseUrl()));

        assertThat(e.reason()).startsWith("Malformed response: ").doesNotContain("\n");
        assertThat(e.kind()).isEqualTo(RemoteLlmException.Kind.MALFORMED_RESPONSE);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(server.requests() - before).isEqualTo(1);
    }

    @Test
    void anAnswerWithoutItsFieldsIsMalformed() {
        server.missingFields();
        assertThat(failure(options(server.baseUrl())).reason()).isEqualTo("Malformed response: no choices[0].text");
    }

    @Test
    void anAbortedGenerationIsMalformed() {
        server.answerWith(200, "{\"choices\": [{\"text\": \"x\", \"finish_reason\": \"abort\"}]}");
        assertThat(failure(options(server.baseUrl())).reason())
                .isEqualTo("Malformed response: choices[0].finish_reason is \"abort\", not stop or length");
        server.answerWith(200, "{\"choices\": [{\"text\": \"x\", \"finish_reason\": null}]}");
        assertThat(failure(options(server.baseUrl())).reason())
                .isEqualTo("Malformed response: no choices[0].finish_reason");
    }

    @Test
    void aRefusedConnectionFailsAfterEveryAttempt() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        RemoteLlmException e = failure(options(URI.create("http://127.0.0.1:" + port)));

        // The JDK leaves a refused connection without a message; the reason must still say something.
        assertThat(e.reason())
                .matches("Connection failed: (Connection refused|could not connect to 127\\.0\\.0\\.1:" + port
                        + " \\(refused or unreachable\\))");
        assertThat(e.kind()).isEqualTo(RemoteLlmException.Kind.CONNECTION_FAILED);
        assertThat(e.attempts()).isEqualTo(3);
    }

    @Test
    void anInterruptEndsTheWaitForAServerAndStaysSet() throws Exception {
        server.hang();
        assertInterruptible(options(server.baseUrl()), Duration.ZERO);
    }

    @Test
    void anInterruptEndsABackoffAndStaysSet() throws Exception {
        server.failFirst(100, 503);
        // Time for the 503 to arrive, so that the interrupt finds the caller asleep between attempts.
        assertInterruptible(
                options(server.baseUrl()).withBackoff(Duration.ofSeconds(30), Duration.ofSeconds(30)),
                Duration.ofMillis(200));
    }

    /**
     * Interrupts a call {@code settle} after the server has seen it; the call must end, interrupted,
     * after its first attempt.
     */
    private static void assertInterruptible(RemoteLlmOptions options, Duration settle) throws Exception {
        int before = server.requests();
        CompletableFuture<RemoteLlmException> outcome = new CompletableFuture<>();
        CompletableFuture<Boolean> flagAfter = new CompletableFuture<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            outcome.complete(failure(options));
            flagAfter.complete(Thread.currentThread().isInterrupted());
        });
        while (server.requests() == before) {
            Thread.sleep(5);
        }
        Thread.sleep(settle);
        caller.interrupt();
        RemoteLlmException e = outcome.get(10, TimeUnit.SECONDS);

        assertThat(e.kind()).isEqualTo(RemoteLlmException.Kind.INTERRUPTED);
        assertThat(e.reason()).isEqualTo("Interrupted");
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(flagAfter.get(10, TimeUnit.SECONDS))
                .as("interrupt flag restored")
                .isTrue();
        caller.join();
    }
}
