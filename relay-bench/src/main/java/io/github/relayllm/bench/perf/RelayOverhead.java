package io.github.relayllm.bench.perf;

import io.github.relayllm.core.Model;
import io.github.relayllm.core.relay.Author;
import io.github.relayllm.core.relay.CallPolicy;
import io.github.relayllm.core.relay.CatchUpPolicy;
import io.github.relayllm.core.relay.LlmSide;
import io.github.relayllm.core.relay.Relay;
import io.github.relayllm.core.relay.RelayListener;
import io.github.relayllm.core.relay.RelayOptions;
import io.github.relayllm.core.relay.RelayResult;
import io.github.relayllm.core.relay.RelayTimings;
import io.github.relayllm.core.relay.SpliceMode;
import io.github.relayllm.core.relay.protocol.ProtocolOptions;
import io.github.relayllm.core.runtime.Session;
import io.github.relayllm.core.sampling.SamplingParams;
import java.util.Objects;

/**
 * Measures the relay scheduler's overhead: runs a relay request and, in fresh sessions of their own,
 * the same calls into each model without the scheduler ({@link RelayWork}: the same contexts, the
 * same tokens), and compares the request's wall time with the sum of those parts. What the parts do
 * not explain is the scheduler's: the protocol, tokenizing each turn's context, the trace, and the
 * generation loop's work around each token (streaming text, stop strings, the call policy).
 *
 * <pre>{@code
 * RelayOverhead overhead = new RelayOverhead(slm, llm,
 *         RelayOverhead.scripted(200, 20, 1000, CatchUpPolicy.LAZY));
 * overhead.warmUp();                          // the JIT compiles everything; the work is recorded
 * OverheadSample sample = overhead.sample();
 * System.out.println(sample.overhead());
 * }</pre>
 *
 * <p>A measured sample does not replay after the request but during it: after each token the relay
 * streams, the replay runs its steps up to the same fraction of its work, never at the same time as
 * the relay, and the time it took is taken out of the request's wall time. The two thus see the same
 * machine: run one after the other, on a shared host whose speed drifts by tens of percent from one
 * minute to the next, the difference of two long runs measures the drift, not the scheduler. This
 * relies on every request doing the same work (greedy decoding on a batch-invariant engine), which
 * each sample checks.
 *
 * <p>The models stay loaded between samples. Not thread-safe. Cost of a sample: about twice the
 * request's time.
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
    private RelayResult reference;
    private RelayWork work;

    /**
     * @param options the requests' options, as {@link #scripted} makes them
     * @throws IllegalArgumentException if the models' vocabularies differ, or {@code options} are not
     *     ones whose work can be rebuilt and replayed (greedy, text splicing, no end-of-generation stops)
     */
    public RelayOverhead(Model slm, Model llm, RelayOptions options) {
        this.slm = Objects.requireNonNull(slm, "slm");
        this.llm = Objects.requireNonNull(llm, "llm");
        this.options = Objects.requireNonNull(options, "options");
        if (!options.slmSampling().isGreedy() || !options.llmSampling().isGreedy()) {
            throw new IllegalArgumentException("the replay draws greedily, so the relay must too");
        }
        if (options.splice() != SpliceMode.TEXT || options.stopAtEos()) {
            throw new IllegalArgumentException(
                    "the work is rebuilt for text splicing without end-of-generation stops, as scripted() sets up");
        }
        this.relay = new Relay(slm, new LlmSide.Local(llm));
        this.prompt = relay.questionPrompt(QUESTION, false);
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

    /**
     * The unmeasured first request: runs it, rebuilds its work and replays that after it, so that the
     * JIT compiles every path. Its sample compares two runs one after the other, so it carries the
     * machine's drift; later samples replay this request's work during theirs.
     *
     * @throws IllegalStateException if the work can not be rebuilt from the request's result
     */
    public OverheadSample warmUp() {
        long start = System.nanoTime();
        RelayResult result = relay.run(prompt, options, RelayListener.NONE);
        long total = System.nanoTime() - start;
        RelayWork rebuilt = RelayWork.of(result, options, slm, maxLength(slm), maxLength(llm));
        try (WorkReplay replay = new WorkReplay(rebuilt, slm, llm)) {
            replay.finish();
            reference = result;
            work = rebuilt;
            return sample(total, total, result, replay);
        }
    }

    /**
     * One measured request, with the warm-up's work replayed between its tokens.
     *
     * @throws IllegalStateException before {@link #warmUp()}, or if the request did other work than
     *     the warm-up's (then the engine is not deterministic and the replay measures other work)
     */
    public OverheadSample sample() {
        if (work == null) {
            throw new IllegalStateException("warm up first: the samples replay the warm-up's work");
        }
        try (WorkReplay replay = new WorkReplay(work, slm, llm)) {
            Interleaving interleaving = new Interleaving(replay, work.draws());
            long start = System.nanoTime();
            RelayResult result = relay.run(prompt, options, interleaving);
            long wall = System.nanoTime() - start;
            replay.finish();
            if (!result.trace().equals(reference.trace()) || !result.prefills().equals(reference.prefills())) {
                throw new IllegalStateException(
                        "a greedy relay request did other work than the warm-up's: the replay would not match it");
            }
            return sample(wall - interleaving.nanos, wall, result, replay);
        }
    }

    /**
     * A sample of a request of {@code total} wall time without the replay, whose wall time including
     * any replay inside its token callbacks was {@code wall}.
     */
    private static OverheadSample sample(long total, long wall, RelayResult result, WorkReplay replay) {
        // The relay's phase timers run around the token callbacks, so they hold the replay's time
        // inside them just as `wall` does: the difference is the time outside both models.
        RelayTimings timings = result.accounting().timings();
        long unattributed = wall - timings.slmNanos() - timings.llmNanos();
        return new OverheadSample(
                total, unattributed, replay.parts(Author.SLM), replay.parts(Author.LLM), result.accounting());
    }

    /** The positions one of the model's sessions may hold, as the relay's sessions do. */
    private static int maxLength(Model model) {
        try (Session session = model.newSession()) {
            return session.maxLength();
        }
    }

    /**
     * Runs the replay in step with the relay: after the relay's {@code k}-th token of {@code draws},
     * the replay's first {@code k / draws} of its steps, so both advance through the same work
     * together (the replay's steps follow the relay's order).
     */
    private static final class Interleaving implements RelayListener {
        private final WorkReplay replay;
        private final int draws;
        private int tokens;
        private long nanos;

        Interleaving(WorkReplay replay, int draws) {
            this.replay = replay;
            this.draws = Math.max(1, draws);
        }

        @Override
        public void onText(Author author, String text) {
            if (author != Author.SLM && author != Author.LLM) {
                return;
            }
            tokens++;
            long start = System.nanoTime();
            replay.runTo((int) ((long) tokens * replay.size() / draws));
            nanos += System.nanoTime() - start;
        }
    }
}
