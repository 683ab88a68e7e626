package io.github.relayllm.bench.eval.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible {@code /v1/chat/completions} server for tests, on {@code 127.0.0.1} and a free
 * port, that answers as a judge would: {@code "**Correct.**"} when the user message contains {@link
 * #SAYS_YES}, else {@code "Incorrect"}. Switches make it misbehave: {@link #failWith} (an error status),
 * {@link #hang} (accept, never answer), {@link #garbage} (a 200 that is not JSON), {@link #reply} (any
 * reply text). {@link #requests} keeps the JSON body of every request received.
 */
public final class JudgeServer implements AutoCloseable {
    /** A question containing this is judged correct. */
    public static final String SAYS_YES = "judge-says-yes";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour = new Verdicts();

    private sealed interface Behaviour {}

    private record Verdicts() implements Behaviour {}

    private record Reply(String text) implements Behaviour {}

    private record Canned(int status, String body) implements Behaviour {}

    private record Hang() implements Behaviour {}

    private JudgeServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    public static JudgeServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService threads = Executors.newCachedThreadPool(
                task -> Thread.ofPlatform().daemon().unstarted(task));
        JudgeServer judge = new JudgeServer(http, threads);
        http.createContext("/", judge::handle);
        http.setExecutor(threads);
        http.start();
        return judge;
    }

    /** The server's base, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The Authorization header of each request received so far ("null" when absent). */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** The JSON bodies of the requests received so far, in order of arrival. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    public JudgeServer failWith(int status) {
        behaviour = new Canned(status, "{\"error\": {\"message\": \"judge overloaded\"}}");
        return this;
    }

    public JudgeServer hang() {
        behaviour = new Hang();
        return this;
    }

    public JudgeServer garbage() {
        behaviour = new Canned(200, "<html>not a chat reply</html>");
        return this;
    }

    public JudgeServer reply(String text) {
        behaviour = new Reply(text);
        return this;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            requests.add(body);
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (!exchange.getRequestURI().getPath().equals(ChatOptions.CHAT_PATH)) {
                send(exchange, 404, "{\"error\": \"no such endpoint\"}");
                return;
            }
            String message = body.path("messages").path(0).path("content").asText();
            switch (behaviour) {
                case Verdicts v -> send(exchange, 200, chat(message.contains(SAYS_YES) ? "**Correct.**" : "Incorrect"));
                case Reply r -> send(exchange, 200, chat(r.text()));
                case Canned c -> send(exchange, c.status(), c.body());
                case Hang h -> closing.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String chat(String content) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-0");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", "stop");
        return JSON.writeValueAsString(root);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
