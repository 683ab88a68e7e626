package io.github.relayllm.core.runtime;

import io.github.relayllm.core.batch.ScheduledSession;

/**
 * One sequence of one model, as a generation loop sees it: bring it to a context, append a token,
 * read what follows the last position. Two kinds, closed:
 *
 * <ul>
 *   <li>{@link Session}: the calling thread runs each step itself, alone, on the model's runner;
 *   <li>{@link ScheduledSession}: a {@link io.github.relayllm.core.batch.StepScheduler} runs the step
 *       on the thread that owns the models, batched with other requests' steps, while the caller
 *       waits; any thread may use one.
 * </ul>
 *
 * <p>Both compute the same numbers (the CPU backend is batch invariant: DESIGN.md §6). What follows a
 * step stays readable until this session's next step; {@link #setReadout} says whether that is the
 * argmax alone or the whole row of logits. One thread uses a session at a time. Closing returns its
 * cache blocks to the pool.
 */
public sealed interface ModelSession extends AutoCloseable permits Session, ScheduledSession {

    /**
     * Makes the cache hold {@code context} (reusing the longest common prefix with what it holds)
     * and computes what follows its last position.
     *
     * @return the positions actually computed: the context minus the reused prefix (at least 1)
     * @throws IllegalArgumentException if {@code context} is empty or holds an id outside the vocabulary
     * @throws io.github.relayllm.core.kv.KvCacheFullException if the pool has too few free blocks
     * @throws io.github.relayllm.core.kv.ContextLengthExceededException past the sequence's limit
     */
    int evaluate(int[] context);

    /** Appends {@code token} and computes what follows it. */
    void decode(int token);

    /**
     * The most likely next token after the last evaluated position (first on ties).
     *
     * @throws NonFiniteLogitsException if the logits hold a NaN or +infinity, naming the layer
     */
    int argmax();

    /**
     * Copies the logits that follow the last evaluated position into {@code into} (vocabulary size).
     *
     * @throws NonFiniteLogitsException if they hold a NaN or +infinity, naming the layer
     * @throws IllegalStateException if the session keeps only the argmax ({@link Readout#ARGMAX})
     */
    void readLogits(float[] into);

    /**
     * What the steps from now on keep readable: {@link Readout#LOGITS} before {@link #readLogits}
     * is used; {@link Readout#ARGMAX}, the default, where only {@link #argmax} is.
     */
    void setReadout(Readout readout);

    /** The most positions this session may hold: the model's and the runner's limit. */
    int maxLength();

    /** Positions the cache holds. */
    int length();

    /** The runner this session's steps run on: tells which model it belongs to. */
    ModelRunner runner();

    @Override
    void close();
}
