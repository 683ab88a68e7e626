package io.github.relayllm.core.runtime;

import io.github.relayllm.core.kv.ContextLengthExceededException;
import io.github.relayllm.core.kv.KvCachePool;
import io.github.relayllm.core.kv.KvSequence;
import io.github.relayllm.kernels.backend.Op;
import java.util.List;

/**
 * One sequence of a model, stepped by the calling thread itself: its share of the KV cache and the
 * way to extend it. {@link #evaluate}
 * makes the cache hold a context, reusing the longest common prefix with what it already holds and
 * computing only the rest, in chunks; {@link #decode} adds one token. After either, the logits of the
 * last position can be read until the runner runs another step.
 *
 * <pre>{@code
 * try (Session session = Session.open(runner, pool)) {
 *     session.evaluate(promptIds);          // prefill (only what is not cached)
 *     int next = session.argmax();
 *     session.decode(next);                 // one more token
 * }
 * }</pre>
 *
 * <p>Both the argmax and the logits of the last step stay readable whatever {@link #setReadout} says.
 * Not thread-safe, and a runner's staging memory is confined to the thread that made it: use a
 * {@link io.github.relayllm.core.batch.ScheduledSession} to step one from other threads. Closing
 * returns the cache blocks to the pool.
 */
public final class Session implements ModelSession {
    private final ModelRunner runner;
    private final KvSequence sequence;
    private final StepBatch batch;
    private final int[] slots;
    private int outputRow = -1;

    private Session(ModelRunner runner, KvSequence sequence) {
        this.runner = runner;
        this.sequence = sequence;
        this.batch = runner.newBatch();
        this.slots = new int[runner.limits().maxTokensPerStep()];
    }

    /** A new, empty sequence in {@code pool}, as long as the model and the runner allow. */
    public static Session open(ModelRunner runner, KvCachePool pool) {
        return new Session(runner, pool.newSequence(maxLength(runner)));
    }

    /** The most positions a session of {@code runner} may hold: the model's and the runner's limit. */
    public static int maxLength(ModelRunner runner) {
        return (int) Math.min(runner.config().contextLength(), runner.limits().maxSequenceLength());
    }

    @Override
    public int evaluate(int[] context) {
        if (context.length == 0) {
            throw new IllegalArgumentException("an empty context has no next token");
        }
        for (int i = 0; i < context.length; i++) {
            requireInVocabulary(context[i], i);
        }
        if (context.length > sequence.maxLength()) {
            throw new ContextLengthExceededException(context.length, sequence.maxLength());
        }
        int kept = sequence.reuse(context);
        int chunk = runner.limits().maxTokensPerStep();
        for (int from = kept; from < context.length; from += chunk) {
            computeChunk(context, from, Math.min(context.length, from + chunk));
        }
        return context.length - kept;
    }

    @Override
    public void decode(int token) {
        int position = sequence.length();
        requireInVocabulary(token, position);
        sequence.append(token);
        try {
            batch.clear();
            int index = batch.addSequence(sequence);
            outputRow = batch.addToken(index, token, position, sequence.slotOf(position), true);
            runner.run(batch);
        } catch (RuntimeException e) {
            sequence.truncate(position);
            throw e;
        }
    }

    /**
     * Appends one token to each session in one step (a batch of decoding sequences), as if each had
     * called {@link #decode} alone: every row is computed independently. If it throws, no session has
     * grown.
     *
     * @throws IllegalArgumentException if the sessions do not share one runner, do not fit one step, or
     *     a token is outside the vocabulary
     * @throws io.github.relayllm.core.kv.KvCacheFullException if the pool has too few free blocks
     */
    public static void decodeTogether(List<Session> sessions, int[] tokens) {
        if (sessions.isEmpty() || sessions.size() != tokens.length) {
            throw new IllegalArgumentException("%d sessions for %d tokens".formatted(sessions.size(), tokens.length));
        }
        ModelRunner runner = sessions.getFirst().runner;
        for (int i = 0; i < sessions.size(); i++) {
            Session session = sessions.get(i);
            if (session.runner != runner) {
                throw new IllegalArgumentException("sessions of different runners can not share a step");
            }
            session.requireInVocabulary(tokens[i], session.sequence.length());
        }
        StepBatch batch = sessions.getFirst().batch.clear();
        int appended = 0;
        try {
            for (; appended < sessions.size(); appended++) {
                sessions.get(appended).sequence.append(tokens[appended]);
            }
            for (int i = 0; i < sessions.size(); i++) {
                Session session = sessions.get(i);
                int position = session.sequence.length() - 1;
                int index = batch.addSequence(session.sequence);
                session.outputRow = batch.addToken(index, tokens[i], position, session.sequence.slotOf(position), true);
            }
            runner.run(batch);
        } catch (RuntimeException e) {
            for (int i = 0; i < appended; i++) {
                KvSequence sequence = sessions.get(i).sequence;
                sequence.truncate(sequence.length() - 1);
            }
            throw e;
        }
    }

    @Override
    public int argmax() {
        int token = runner.argmax(requireOutput());
        if (token == Op.Argmax.NOT_FINITE) {
            throw runner.locateNonFinite();
        }
        return token;
    }

    @Override
    public void readLogits(float[] into) {
        runner.readLogits(requireOutput(), into);
        for (float logit : into) {
            if (Float.isNaN(logit) || logit == Float.POSITIVE_INFINITY) {
                throw runner.locateNonFinite();
            }
        }
    }

    /** Both stay readable: the runner holds them until the next step. */
    @Override
    public void setReadout(Readout readout) {}

    @Override
    public int maxLength() {
        return sequence.maxLength();
    }

    @Override
    public int length() {
        return sequence.length();
    }

    /** The token ids the cache holds (a copy). */
    public int[] tokens() {
        return sequence.tokens();
    }

    /** The cache blocks holding its positions, in order (a copy). */
    public int[] blocks() {
        return sequence.blockTable();
    }

    @Override
    public ModelRunner runner() {
        return runner;
    }

    /**
     * Drops every cached position, returning its blocks to the pool: the next {@link #evaluate}
     * computes its whole context. How a scheduler preempts a sequence to make room for another.
     */
    public void clear() {
        sequence.truncate(0);
        outputRow = -1;
    }

    @Override
    public void close() {
        sequence.close();
    }

    private void computeChunk(int[] context, int from, int to) {
        sequence.append(context, from, to);
        try {
            sequence.slots(from, to, slots, 0);
            batch.clear();
            int index = batch.addSequence(sequence);
            for (int position = from; position < to; position++) {
                int row = batch.addToken(
                        index, context[position], position, slots[position - from], position == context.length - 1);
                if (row >= 0) {
                    outputRow = row;
                }
            }
            runner.run(batch);
        } catch (RuntimeException e) {
            sequence.truncate(from);
            throw e;
        }
    }

    private void requireInVocabulary(int token, int position) {
        int vocabulary = runner.config().vocabSize();
        if (token < 0 || token >= vocabulary) {
            throw new IllegalArgumentException("token id %d at position %d is outside the vocabulary of %d ids"
                    .formatted(token, position, vocabulary));
        }
    }

    private int requireOutput() {
        if (outputRow < 0) {
            throw new IllegalStateException("nothing has been evaluated yet");
        }
        return outputRow;
    }
}
