package io.github.relayllm.core.sampling;

import java.util.Objects;

/**
 * Picks the next token from a step's logits, one request's way ({@link SamplingParams}) with its own
 * seeded random generator. The chain is llama.cpp's default ({@code common/sampling.cpp}, with its
 * optional samplers that Relay does not have left out):
 *
 * <ol>
 *   <li>the {@link LogitProcessor};
 *   <li>logit bias;
 *   <li>repetition, presence and frequency penalties over the last {@code penaltyWindow} tokens;
 *   <li>top-k;
 *   <li>top-p, on the softmax of the remaining logits at temperature 1;
 *   <li>min-p, relative to the best remaining token, also at temperature 1;
 *   <li>temperature, softmax, and one draw.
 * </ol>
 *
 * Temperature comes last, as in llama.cpp: top-p and min-p choose among the model's own
 * probabilities, and temperature only reshapes the draw among the survivors (Hugging Face and vLLM
 * scale first; with top-p at 1, as the RelayLLM setup samples, the two agree). Temperature 0 is
 * greedy: the first largest logit after steps 1-3, without touching the random generator; so is a
 * chain that leaves one candidate.
 *
 * <p>Cost per call: greedy, one pass over the logits; sampling, a pass for the maximum, one exp per
 * token for the draw, and for top-p without top-k one more exp pass and a sort of only the tokens
 * near the cut (see {@code docs/runtime.md} for figures). Nothing is allocated per call. {@code
 * sample} writes the bias and penalties into the caller's logits. Not thread-safe.
 */
public final class Sampler {
    private static final int[] NO_HISTORY = new int[0];

    private final SamplingParams params;
    private final int vocabularySize;
    private final LogitProcessor processor;
    private final LogitBias bias;
    private final Penalties penalties;
    private final CandidateList candidates;
    private final Xoshiro256StarStar random;

    /** A sampler with its own workspace and no logit processor. */
    public Sampler(SamplingParams params, int vocabularySize) {
        this(params, new SamplingWorkspace(vocabularySize), LogitProcessor.NONE);
    }

    /** A sampler working in {@code workspace} (shareable by samplers used on one thread). */
    public Sampler(SamplingParams params, SamplingWorkspace workspace, LogitProcessor processor) {
        this(params, workspace, processor, new Xoshiro256StarStar(params.seed()));
    }

    Sampler(SamplingParams params, SamplingWorkspace workspace, LogitProcessor processor, Xoshiro256StarStar random) {
        this.params = Objects.requireNonNull(params, "params");
        this.vocabularySize = workspace.vocabularySize();
        this.processor = Objects.requireNonNull(processor, "processor");
        this.bias = LogitBias.of(params.logitBias(), vocabularySize);
        this.penalties = new Penalties(params, workspace.counts);
        this.candidates = new CandidateList(workspace);
        this.random = random;
    }

    public SamplingParams params() {
        return params;
    }

    /** {@link #sample(float[], int[], int)} with an empty history. */
    public int sample(float[] logits) {
        return sample(logits, NO_HISTORY, 0);
    }

    /**
     * The next token.
     *
     * @param logits one score per vocabulary entry; modified in place (processor, bias, penalties)
     * @param history the tokens so far in {@code history[0..historyLength)}; the penalties look at the
     *     last {@code penaltyWindow} of them, the processor at all
     * @throws IllegalArgumentException if the logits are not vocabulary-sized, a logit is NaN or
     *     +infinity, every logit is -infinity, or a penalized history token is not in the vocabulary
     */
    public int sample(float[] logits, int[] history, int historyLength) {
        if (logits.length != vocabularySize) {
            throw new IllegalArgumentException(
                    "%d logits for a vocabulary of %d tokens".formatted(logits.length, vocabularySize));
        }
        if (historyLength < 0 || historyLength > history.length) {
            throw new IllegalArgumentException(
                    "a history of %d tokens in an array of %d".formatted(historyLength, history.length));
        }
        processor.process(logits, history, historyLength);
        bias.apply(logits);
        penalties.apply(logits, history, historyLength);
        if (params.isGreedy()) {
            return CandidateList.firstMax(logits);
        }
        candidates.reset(logits);
        candidates.keepTopK(params.topK());
        candidates.keepTopP(params.topP());
        candidates.keepMinP(params.minP());
        return candidates.draw(params.temperature(), random);
    }
}
