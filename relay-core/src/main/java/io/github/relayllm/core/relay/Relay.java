package io.github.relayllm.core.relay;

import io.github.relayllm.core.Model;
import io.github.relayllm.core.batch.StepScheduler;
import io.github.relayllm.core.runtime.ModelSession;
import io.github.relayllm.core.template.ChatMessage;
import io.github.relayllm.core.tokenizer.Tokenizer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * RelayLLM decoding: a small model writes, and hands the pen to a large model for N tokens whenever
 * it writes {@code <call>N</call>}. Both models keep one KV sequence each per request, extended by
 * the longest common token prefix at every hand-off, so a call prefills only what the LLM has not
 * seen and the SLM then prefills only the LLM's tokens.
 *
 * <pre>{@code
 * try (Model slm = Model.load(Path.of("qwen3-0.6b.gguf"), ModelOptions.defaults());
 *         Model llm = Model.load(Path.of("qwen3-8b.gguf"), ModelOptions.defaults())) {
 *     Relay relay = new Relay(slm, new LlmSide.Local(llm));
 *     RelayResult result = relay.run(relay.questionPrompt("What is 12 * 7?", false),
 *             RelayOptions.paper().withSeed(42), RelayListener.NONE);
 *     System.out.println(result.finalAnswer() + "\n" + result.accounting().callRatio());
 * }
 * }</pre>
 *
 * <p>The protocol itself is {@link io.github.relayllm.core.relay.protocol.RelayProtocol}; this
 * class runs it with real decoding. A plain relay runs requests one at a time, on the thread that
 * loaded the models (a model's staging memory is confined to it). One {@link #scheduledBy scheduled
 * by} a {@link StepScheduler} may run many at once, from any threads, while the scheduler serves
 * their steps on the models' thread and batches the decodes of each model. Either way each request
 * leaves both models' cache pools as it found them, however it ends.
 */
public final class Relay {
    /** The paper's instruction, appended to the question in the user message. */
    public static final String INSTRUCTION =
            "\nPlease reason step by step, and put your final answer within \\boxed{}.";

    private final Model slm;
    private final LlmSide llm;
    private final Optional<StepScheduler> scheduler;

    /**
     * @throws IllegalArgumentException if a local LLM's vocabulary differs from the SLM's (the
     *     transcript is shared text, and the token splice mode shares ids)
     */
    public Relay(Model slm, LlmSide llm) {
        this(slm, llm, Optional.empty());
        if (llm instanceof LlmSide.Local local) {
            requireSameVocabulary(slm, local.model());
        }
    }

    private Relay(Model slm, LlmSide llm, Optional<StepScheduler> scheduler) {
        this.slm = Objects.requireNonNull(slm, "slm");
        this.llm = Objects.requireNonNull(llm, "llm");
        this.scheduler = scheduler;
    }

    /**
     * This relay with its models' steps run by {@code scheduler}: {@link #run} may then be called
     * from many threads at once, while the scheduler {@linkplain StepScheduler#serve serves} on the
     * thread that loaded the models.
     */
    public Relay scheduledBy(StepScheduler scheduler) {
        return new Relay(slm, llm, Optional.of(scheduler));
    }

    public Model slm() {
        return slm;
    }

    public LlmSide llm() {
        return llm;
    }

    /**
     * The paper's prompt for a question, rendered with the SLM's chat template: one user message,
     * question plus {@link #INSTRUCTION}, generation prompt, {@code enable_thinking} as given. A model
     * without a template gets the reference's fallback, {@code "User: " + question + INSTRUCTION +
     * "\nAssistant:"}.
     */
    public String questionPrompt(String question, boolean thinking) {
        String user = question + INSTRUCTION;
        if (slm.chatTemplate().isEmpty()) {
            return "User: " + user + "\nAssistant:";
        }
        return chatPrompt(List.of(ChatMessage.user(user)), thinking);
    }

    /**
     * The base prompt for a conversation: {@code messages} rendered with the SLM's chat template and
     * the generation prompt, {@code enable_thinking} as given.
     *
     * @throws IllegalStateException if the SLM has no chat template
     */
    public String chatPrompt(List<ChatMessage> messages, boolean thinking) {
        return slm.chatTemplate()
                .orElseThrow(() -> new IllegalStateException(slm.path() + " has no chat template"))
                .generationPrompt(messages, thinking);
    }

    /** Runs one request after {@code basePrompt}, streaming the answer to {@code listener}. */
    public RelayResult run(String basePrompt, RelayOptions options, RelayListener listener) {
        try (ModelSession slmSession = openSession(slm);
                LlmConversation conversation = openLlm(options)) {
            return new RelayRun(slm, slmSession, conversation, basePrompt, options, listener).run();
        }
    }

    private ModelSession openSession(Model model) {
        return scheduler.<ModelSession>map(s -> s.open(model)).orElseGet(model::newSession);
    }

    private LlmConversation openLlm(RelayOptions options) {
        return switch (llm) {
            case LlmSide.Local local -> new LocalLlmConversation(local.model(), openSession(local.model()));
            case LlmSide.Remote remote -> new RemoteLlmConversation(remote.client(), slm.tokenizer(), options.splice());
        };
    }

    private static void requireSameVocabulary(Model slm, Model llm) {
        Tokenizer a = slm.tokenizer();
        Tokenizer b = llm.tokenizer();
        if (a.size() != b.size()) {
            throw new IllegalArgumentException(
                    "the SLM %s has %d tokens and the LLM %s %d: a relay needs one vocabulary"
                            .formatted(slm.path(), a.size(), llm.path(), b.size()));
        }
        for (int id = 0; id < a.size(); id++) {
            if (!a.piece(id).equals(b.piece(id))) {
                throw new IllegalArgumentException(
                        "the SLM %s and the LLM %s differ at token %d (%s vs %s): a relay needs one vocabulary"
                                .formatted(slm.path(), llm.path(), id, a.piece(id), b.piece(id)));
            }
        }
        if (!a.endOfGenerationIds().equals(b.endOfGenerationIds())) {
            throw new IllegalArgumentException("the SLM %s ends generation at %s and the LLM %s at %s"
                    .formatted(slm.path(), a.endOfGenerationIds(), llm.path(), b.endOfGenerationIds()));
        }
    }
}
