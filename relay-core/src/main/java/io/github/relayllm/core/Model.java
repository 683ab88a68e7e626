package io.github.relayllm.core;

import io.github.relayllm.core.generate.GenerationListener;
import io.github.relayllm.core.generate.GenerationRequest;
import io.github.relayllm.core.generate.GenerationResult;
import io.github.relayllm.core.generate.Generator;
import io.github.relayllm.core.kv.KvCachePool;
import io.github.relayllm.core.model.ModelConfig;
import io.github.relayllm.core.model.ModelSource;
import io.github.relayllm.core.model.TensorEntry;
import io.github.relayllm.core.model.WeightKind;
import io.github.relayllm.core.model.WeightName;
import io.github.relayllm.core.runtime.ModelRunner;
import io.github.relayllm.core.runtime.ModelSession;
import io.github.relayllm.core.runtime.RunnerLimits;
import io.github.relayllm.core.runtime.Session;
import io.github.relayllm.core.template.ModelChatTemplate;
import io.github.relayllm.core.tokenizer.Tokenizer;
import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.Backends;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A language model ready to run: its files, tokenizer, chat template, and its weights and KV cache on
 * a backend. The entry point for using Relay as a library.
 *
 * <pre>{@code
 * try (Model model = Model.load(Path.of("qwen3-0.6b-q8_0.gguf"), ModelOptions.defaults())) {
 *     GenerationResult result = model.generate("Once upon a time", GenerationRequest.greedy(64),
 *             GenerationListener.NONE);
 *     System.out.println(result.text());
 * }
 * }</pre>
 *
 * <p>{@link #generate} reuses one default session, so consecutive prompts that share a prefix (a
 * conversation) compute only what is new. Two models can share a backend (the relay setting: one
 * device, two models) with {@link #load(Path, Backend, ModelOptions)}. Not thread-safe: its runner's
 * staging memory is confined to the thread that loaded it; a {@link
 * io.github.relayllm.core.batch.StepScheduler} on that thread serves requests from others.
 *
 * <p>Cost: loading maps the weights (nothing is copied on the CPU backends) and allocates the KV
 * cache of {@code cacheTokens} tokens up front.
 */
public final class Model implements AutoCloseable {
    private final ModelSource source;
    private final Backend backend;
    private final boolean ownsBackend;
    private final ModelRunner runner;
    private final KvCachePool pool;
    private final Tokenizer tokenizer;
    private final Optional<ModelChatTemplate> chatTemplate;
    private final Generator generator;
    private Session defaultSession;

    private Model(
            ModelSource source,
            Backend backend,
            boolean ownsBackend,
            ModelRunner runner,
            KvCachePool pool,
            Tokenizer tokenizer,
            Optional<ModelChatTemplate> chatTemplate) {
        this.source = source;
        this.backend = backend;
        this.ownsBackend = ownsBackend;
        this.runner = runner;
        this.pool = pool;
        this.tokenizer = tokenizer;
        this.chatTemplate = chatTemplate;
        this.generator = newGenerator();
    }

    /** Loads the model at {@code path} (GGUF file or Hugging Face directory) on a backend of its own. */
    public static Model load(Path path, ModelOptions options) throws IOException {
        Backend backend = Backends.create(options.backend(), options.backendOptions());
        try {
            return load(path, backend, options, true);
        } catch (IOException | RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /** Loads the model at {@code path} onto {@code backend}, which the caller keeps and closes. */
    public static Model load(Path path, Backend backend, ModelOptions options) throws IOException {
        return load(path, backend, options, false);
    }

    private static Model load(Path path, Backend backend, ModelOptions options, boolean ownsBackend)
            throws IOException {
        ModelSource source = ModelSource.open(path);
        try {
            ModelConfig config = source.config();
            Tokenizer tokenizer = Tokenizer.load(path);
            Optional<ModelChatTemplate> template = ModelChatTemplate.load(path);
            RunnerLimits limits = limits(config, options);
            ModelRunner runner = ModelRunner.create(source, backend, limits);
            KvCachePool pool = new KvCachePool(limits.cacheBlocks(), limits.blockSize());
            return new Model(source, backend, ownsBackend, runner, pool, tokenizer, template);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** The runner's capacities for {@code options}: one full context in the cache unless told more. */
    static RunnerLimits limits(ModelConfig config, ModelOptions options) {
        int blockSize = 16;
        int context = Math.min(
                config.contextLength(),
                options.contextLimit() > 0 ? options.contextLimit() : ModelOptions.DEFAULT_CONTEXT_LIMIT);
        int maxBlocks = (context + blockSize - 1) / blockSize;
        int cacheTokens = options.cacheTokens() > 0 ? options.cacheTokens() : context;
        int cacheBlocks = Math.max(maxBlocks, (cacheTokens + blockSize - 1) / blockSize);
        int chunk = options.prefillChunk();
        return new RunnerLimits(
                chunk,
                Math.min(chunk, options.maxBatch()),
                Math.min(chunk, options.maxBatch()),
                maxBlocks,
                blockSize,
                cacheBlocks,
                options.cacheType());
    }

    public ModelConfig config() {
        return runner.config();
    }

    /** The backend the model runs on and its device, for logs: {@code "opencl: NVIDIA H200 (...)"}. */
    public String backendDescription() {
        return backend.name() + ": " + backend.description();
    }

    public Path path() {
        return source.path();
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public Optional<ModelChatTemplate> chatTemplate() {
        return chatTemplate;
    }

    public ModelRunner runner() {
        return runner;
    }

    public KvCachePool cachePool() {
        return pool;
    }

    /**
     * Bytes of weights one decode step reads: every weight once, except the token embedding, of which
     * it reads one row (unless the embedding is tied, when the output head reads it all). Divided into
     * a memory bandwidth, it bounds decode speed.
     */
    public long weightBytesPerToken() {
        WeightName embedding = WeightName.global(WeightKind.TOKEN_EMBEDDING);
        Set<String> embeddingNames = Set.of(embedding.gguf(), embedding.hf().orElse(embedding.gguf()));
        boolean tied = config().tiedEmbeddings();
        return source.tensors().stream()
                .filter(t -> tied || !embeddingNames.contains(t.name()))
                .mapToLong(TensorEntry::bytes)
                .sum();
    }

    /** A new session (an empty sequence of this model's cache); close it to free its blocks. */
    public Session newSession() {
        return Session.open(runner, pool);
    }

    /**
     * The ids of a text prompt: BOS first when the tokenizer adds one, special tokens parsed or
     * taken as text.
     */
    public int[] encodePrompt(String text, Tokenizer.Specials specials) {
        return withBos(tokenizer.encode(text, specials));
    }

    /** Generates after a text prompt (BOS as the model says; special tokens taken as text). */
    public GenerationResult generate(String prompt, GenerationRequest request, GenerationListener listener) {
        return generate(encodePrompt(prompt, Tokenizer.Specials.AS_TEXT), request, listener);
    }

    /** Generates after {@code promptIds}, fed exactly as given, in the model's default session. */
    public GenerationResult generate(int[] promptIds, GenerationRequest request, GenerationListener listener) {
        if (defaultSession == null) {
            defaultSession = newSession();
        }
        return generator.generate(defaultSession, promptIds, request, listener);
    }

    /**
     * Generates after {@code promptIds} in {@code session} (one of this model's sessions), reusing its
     * cache up to the longest common prefix: how the relay keeps one sequence per model per request.
     */
    public GenerationResult generate(
            ModelSession session, int[] promptIds, GenerationRequest request, GenerationListener listener) {
        return generate(generator, session, promptIds, request, listener);
    }

    /**
     * As {@link #generate(ModelSession, int[], GenerationRequest, GenerationListener)}, with a
     * generator of the caller's ({@link #newGenerator}): how requests that run at once generate.
     */
    public GenerationResult generate(
            Generator generator,
            ModelSession session,
            int[] promptIds,
            GenerationRequest request,
            GenerationListener listener) {
        if (session.runner() != runner) {
            throw new IllegalArgumentException("the session belongs to another model");
        }
        return generator.generate(session, promptIds, request, listener);
    }

    /**
     * A generation loop of this model's own, for a request that runs alongside others (the model's
     * default one serves one request at a time). Cost: a few vocabulary-sized arrays.
     */
    public Generator newGenerator() {
        return new Generator(
                tokenizer, runner.config().vocabSize(), runner.config().eosIds());
    }

    /**
     * The ids of a rendered prompt or a transcript: special tokens parsed (a chat template's markup),
     * BOS added in front when the model adds one and the text does not already start with it.
     */
    public int[] encodeContext(String text) {
        int[] ids = tokenizer.encode(text, Tokenizer.Specials.PARSE);
        boolean startsWithBos = ids.length > 0 && tokenizer.bosId().equals(OptionalInt.of(ids[0]));
        return startsWithBos ? ids : withBos(ids);
    }

    private int[] withBos(int[] ids) {
        if (!tokenizer.addsBos() || tokenizer.bosId().isEmpty()) {
            return ids;
        }
        int[] withBos = new int[ids.length + 1];
        withBos[0] = tokenizer.bosId().getAsInt();
        System.arraycopy(ids, 0, withBos, 1, ids.length);
        return withBos;
    }

    /** Frees the default session, the runner's memory, the backend (if the model made it) and the files. */
    @Override
    public void close() {
        if (defaultSession != null) {
            defaultSession.close();
        }
        runner.close();
        if (ownsBackend) {
            backend.close();
        }
        source.close();
    }
}
