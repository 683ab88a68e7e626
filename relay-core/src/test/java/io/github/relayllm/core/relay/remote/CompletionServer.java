package io.github.relayllm.core.relay.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.relayllm.core.Model;
import io.github.relayllm.core.generate.FinishReason;
import io.github.relayllm.core.generate.GenerationListener;
import io.github.relayllm.core.generate.GenerationRequest;
import io.github.relayllm.core.generate.GenerationResult;
import io.github.relayllm.core.sampling.SamplingParams;
import io.github.relayllm.core.tokenizer.Tokenizer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An OpenAI-compatible {@code /v1/completions} server for tests, on {@code 127.0.0.1} and a free port,
 * that answers from a real model run by this engine, as vLLM would: text prompts are tokenized with
 * special tokens parsed ({@code model.encodePrompt(prompt, PARSE)}), id lists are fed as given, and
 * {@code Model.generate} writes up to {@code max_tokens} with the request's temperature, top-k, top-p,
 * min-p and seed. The answer is {@code {"choices":[{"text", "finish_reason": "stop"|"length"}],
 * "usage":{"completion_tokens"}}}, where an end-of-generation token is {@code "stop"} and counts as a
 * completion token (vLLM counts it).
 *
 * <p>Switches make it misbehave for failure tests: {@link #failFirst} (an error status for the next
 * requests, then normal answers), {@link #hang} (accept, never answer), {@link #malformed}, {@link
 * #missingFields} and {@link #answerWith} (any status and body); {@link #requests} counts what
 * arrived and {@link #lastRequest} shows it.
 *
 * <p>A {@link Model} is confined to the thread that loaded it (its runner's staging memory is a
 * confined arena), so the server loads it on a thread of its own, answers every request there, one
 * at a time, and runs {@link #withModel} there too. Closing the server closes the model.
 */
public final class CompletionServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService modelThread;
    private final Model model;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 500;
    private volatile Behaviour behaviour = new Serve();
    private volatile JsonNode lastRequest;

    /** What the server does with a request once the {@link #failFirst} failures are spent. */
    private sealed interface Behaviour {}

    private record Serve() implements Behaviour {}

    private record Hang() implements Behaviour {}

    private record Canned(int status, String body) implements Behaviour {}

    private CompletionServer(HttpServer server, ExecutorService modelThread, Model model) {
        this.server = server;
        this.modelThread = modelThread;
        this.model = model;
    }

    /**
     * Loads a model with {@code loader} on the server's model thread and starts serving it, e.g.
     * {@code CompletionServer.start(() -> Model.load(file, ModelOptions.defaults().withThreads(1)))}.
     */
    public static CompletionServer start(Callable<? extends Model> loader) throws IOException {
        ExecutorService modelThread = Executors.newSingleThreadExecutor(task ->
                Thread.ofPlatform().name("completion-server-model").daemon().unstarted(task));
        Model model;
        try {
            model = modelThread.submit(loader).get();
        } catch (ExecutionException e) {
            modelThread.shutdownNow();
            throw e.getCause() instanceof IOException io ? io : new IOException("loading the model failed", e);
        } catch (InterruptedException e) {
            modelThread.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while loading the model", e);
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        CompletionServer server = new CompletionServer(http, modelThread, model);
        http.createContext("/", server::handle);
        http.setExecutor(modelThread);
        http.start();
        return server;
    }

    /** The server's base, e.g. {@code http://127.0.0.1:41234}; the endpoint is under {@code /v1/completions}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests received so far, whatever was answered. */
    public int requests() {
        return requests.get();
    }

    /** The JSON body of the last request received, if any was JSON. */
    public Optional<JsonNode> lastRequest() {
        return Optional.ofNullable(lastRequest);
    }

    /** Runs {@code work} with the model on the model thread, between requests. */
    public <T> T withModel(Function<Model, T> work) {
        try {
            return modelThread.submit(() -> work.apply(model)).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the model thread", e);
        }
    }

    /** Answers the next {@code n} requests with {@code status} (and an error body), then as before. */
    public CompletionServer failFirst(int n, int status) {
        failureStatus = status;
        failuresLeft.set(n);
        return this;
    }

    /** Accepts requests and reads them, but never answers. */
    public CompletionServer hang() {
        behaviour = new Hang();
        return this;
    }

    /** Answers 200 with a body that is not JSON. */
    public CompletionServer malformed() {
        return answerWith(200, "{\"choices\": [{\"text\": ");
    }

    /** Answers 200 with JSON that has a choice but neither its text nor its finish reason. */
    public CompletionServer missingFields() {
        return answerWith(200, "{\"id\": \"cmpl-0\", \"choices\": [{\"index\": 0}]}");
    }

    /** Answers every request with {@code status} and {@code body} (as {@code application/json}). */
    public CompletionServer answerWith(int status, String body) {
        behaviour = new Canned(status, body);
        return this;
    }

    /** Back to answering from the model. */
    public CompletionServer serve() {
        behaviour = new Serve();
        failuresLeft.set(0);
        return this;
    }

    /** Stops serving (open connections, hanging ones included, are closed) and closes the model. */
    @Override
    public void close() {
        server.stop(0);
        try {
            withModel(m -> {
                m.close();
                return null;
            });
        } finally {
            modelThread.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        try {
            lastRequest = JSON.readTree(body);
        } catch (IOException e) {
            lastRequest = null;
        }
        if (!exchange.getRequestMethod().equals("POST")
                || !exchange.getRequestURI().getPath().equals("/v1/completions")) {
            respond(exchange, 404, error("no route " + exchange.getRequestMethod() + " " + exchange.getRequestURI()));
            return;
        }
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            respond(exchange, failureStatus, error("failing on purpose"));
            return;
        }
        switch (behaviour) {
            // The exchange stays open with no response: the client sees a server that never answers.
            case Hang _ -> {}
            case Canned canned -> respond(exchange, canned.status(), canned.body());
            case Serve _ -> serve(exchange);
        }
    }

    private void serve(HttpExchange exchange) {
        String answer;
        try {
            answer = complete(lastRequest);
        } catch (IllegalArgumentException e) {
            respond(exchange, 400, error(e.getMessage()));
            return;
        } catch (RuntimeException e) {
            respond(exchange, 500, error(e.toString()));
            return;
        }
        respond(exchange, 200, answer);
    }

    private String complete(JsonNode request) {
        if (request == null || !request.isObject()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        int[] promptIds = promptIds(request.path("prompt"));
        SamplingParams sampling = SamplingParams.GREEDY
                .withTemperature((float) request.path("temperature").asDouble(1))
                .withTopP((float) request.path("top_p").asDouble(1))
                .withTopK(Math.max(0, request.path("top_k").asInt(0)))
                .withMinP((float) request.path("min_p").asDouble(0))
                .withSeed(request.path("seed").asLong(0));
        GenerationRequest generation =
                GenerationRequest.greedy(request.path("max_tokens").asInt(16)).withSampling(sampling);
        GenerationResult result = model.generate(promptIds, generation, GenerationListener.NONE);
        boolean eos = result.finishReason() == FinishReason.EOS;
        ObjectNode answer = JSON.createObjectNode();
        answer.put("id", "cmpl-" + requests.get());
        answer.put("object", "text_completion");
        ObjectNode choice = answer.putArray("choices").addObject();
        choice.put("index", 0);
        choice.put("text", result.text());
        choice.put("finish_reason", eos ? "stop" : "length");
        ObjectNode usage = answer.putObject("usage");
        int completionTokens = result.ids().size() + (eos ? 1 : 0);
        usage.put("prompt_tokens", promptIds.length);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptIds.length + completionTokens);
        return answer.toString();
    }

    private int[] promptIds(JsonNode prompt) {
        if (prompt.isTextual()) {
            return model.encodePrompt(prompt.textValue(), Tokenizer.Specials.PARSE);
        }
        if (!prompt.isArray() || prompt.isEmpty()) {
            throw new IllegalArgumentException("the prompt must be a string or a non-empty list of token ids");
        }
        int vocabulary = model.config().vocabSize();
        int[] ids = new int[prompt.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode id = prompt.get(i);
            if (!id.isIntegralNumber() || id.asInt() < 0 || id.asInt() >= vocabulary) {
                throw new IllegalArgumentException(
                        "prompt[%d] is not a token id below %d: %s".formatted(i, vocabulary, id));
            }
            ids[i] = id.asInt();
        }
        return ids;
    }

    private static String error(String message) {
        ObjectNode error = JSON.createObjectNode();
        error.put("object", "error");
        error.put("message", message);
        return error.toString();
    }

    private static void respond(HttpExchange exchange, int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            // The client gave up (a timeout) and closed the connection: nobody is left to answer.
        } finally {
            exchange.close();
        }
    }
}
