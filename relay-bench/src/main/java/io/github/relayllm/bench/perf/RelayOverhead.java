package io.github.relayllm.bench.perf;

import io.github.relayllm.core.Model;
import io.github.relayllm.core.relay.CallPolicy;
import io.github.relayllm.core.relay.CatchUpPolicy;
import io.github.relayllm.core.relay.LlmSide;
import io.github.relayllm.core.relay.Relay;
import io.github.relayllm.core.relay.RelayListener;
import io.github.relayllm.core.relay.RelayOptions;
import io.github.relayllm.core.relay.RelayResult;
import io.github.relayllm.core.relay.protocol.ProtocolOptions;
import io.github.relayllm.core.runtime.Session;
import io.github.relayllm.core.sampling.SamplingParams;
import java.util.Objects;

/**
 * Measures the relay scheduler's overhead: runs one relay request, then replays each model's share of
 * it alone ({@link RelayWork}: the same contexts, the same tokens, in a fresh session with nothing
 * else running), and compares the request's wall time with the sum of those parts. What the parts do
 * not explain is the scheduler's: the protocol, tokenizing each turn's context, the trace, and the
 * generation loop's per-token work around the model (streaming text, stop strings, the call policy).
 *
 * <pre>{@code
 * RelayOverhead overhead = new RelayOverhead(slm, llm,
 *         RelayOverhead.scripted(200, 20, 1000, CatchUpPolicy.LAZY));
 * overhead.sample();                          // warm-up: let the JIT compile everything
 * OverheadSample sample = overhead.sample();
 * System.out.println(sample.overhead());
 * }</pre>
 *
 * <p>The models stay loaded between samples; a request is deterministic (greedy), so every sample
 * does the same work. Not thread-safe. Cost of a sample: about twice the request's time.
 */
public final class RelayOverhead {
    /** The question every request answers: on random weights its text only sets the prompt's length. */
    public static final String QUESTION =
            "A train travels 120 km in 1.5 hours, then 80 km in 0.5 hours. What is its average speed?";

    private final Model slm;
    private final Model llm;
    private final Relay relay;
    private final RelayOptions options;
    private final String prompt;
    private final int slmMaxLength;
    private final int llmMaxLength;

    /**
     * @param options the requests' options, as {@link #scripted} makes them
     * @throws IllegalArgumentException if the models' vocabularies differ, or {@code options} are not
     *     ones whose work can be rebuilt (greedy, text splicing, no end-of-generation stops)
     */
    public RelayOverhead(Model slm, Model llm, RelayOptions options) {
        this.slm = Objects.requireNonNull(slm, "slm");
        this.llm = Objects.requireNonNull(llm, "llm");
        this.options = Objects.requireNonNull(options, "options");
        if (!options.slmSampling().isGreedy() || !options.llmSampling().isGreedy()) {
            throw new IllegalArgumentException("the replay draws greedily, so the relay must too");
        }
        this.relay = new Relay(slm, new LlmSide.Local(llm));
        this.prompt = relay.questionPrompt(QUESTION, false);
        this.slmMaxLength = maxLength(slm);
        this.llmMaxLength = maxLength(llm);
    }

    /**
     * Requests of {@code tokens} generated tokens where the scheduler writes {@code <call>callTokens</call>}
     * for the SLM after every {@code callEvery} of its tokens: greedy, end-of-generation not stopping
     * either model (random weights would otherwise stop now and then), no turn limit (the schedule,
     * not the reference's five turns, decides the calls), text splicing as the reference.
     */
    public static RelayOptions scripted(int callEvery, int callTokens, int tokens, CatchUpPolicy catchUp) {
        return RelayOptions.paper()
                .withProtocol(
                        ProtocolOptions.reference().withGlobalMaxTokens(tokens).withMaxTurns(Integer.MAX_VALUE))
                .withPolicy(new CallPolicy.Scripted(callEvery, callTokens))
                .withCatchUp(catchUp)
                .withSampling(SamplingParams.GREEDY)
                .withStopAtEos(false);
    }

    public RelayOptions options() {
        return options;
    }

    /** Runs one request, then replays its parts: the SLM's alone, then the LLM's alone. */
    public OverheadSample sample() {
        long start = System.nanoTime();
        RelayResult result = relay.run(prompt, options, RelayListener.NONE);
        long total = System.nanoTime() - start;
        RelayWork work = RelayWork.of(result, options, slm, slmMaxLength, llmMaxLength);
        ModelParts slmParts = RelayWork.replay(slm, work.slm());
        ModelParts llmParts = RelayWork.replay(llm, work.llm());
        return new OverheadSample(total, slmParts, llmParts, result.accounting());
    }

    /** The positions one of the model's sessions may hold, as the relay's sessions do. */
    private static int maxLength(Model model) {
        try (Session session = model.newSession()) {
            return session.maxLength();
        }
    }
}
