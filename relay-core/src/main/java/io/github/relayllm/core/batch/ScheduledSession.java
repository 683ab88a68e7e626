package io.github.relayllm.core.batch;

import io.github.relayllm.core.Model;
import io.github.relayllm.core.runtime.ModelRunner;
import io.github.relayllm.core.runtime.ModelSession;
import io.github.relayllm.core.runtime.NonFiniteLogitsException;
import io.github.relayllm.core.runtime.Readout;
import io.github.relayllm.core.runtime.Session;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A sequence of one model whose steps a {@link StepScheduler} runs on the thread that owns the
 * models: {@link #evaluate} and {@link #decode} queue the step and wait for it; decodes of one model
 * are batched with other requests'. Right after its step the scheduler copies out what {@link
 * #setReadout} asked for (the argmax, or the whole row of logits), so reading it later does not
 * depend on other requests' steps.
 *
 * <p>The scheduler may preempt the sequence while the request is elsewhere (the KV cache ran out for
 * another): its blocks go back to the pool and its positions are computed again before its next
 * decode. Results are unchanged; only {@link SchedulerStats#recomputedTokens} tells.
 *
 * <p>One thread uses a session at a time (any thread, not only the owner). Cost per step: the wait
 * for the batch, plus one vocabulary-sized copy when the readout is {@link Readout#LOGITS}.
 */
public final class ScheduledSession implements ModelSession {
    private final StepScheduler scheduler;
    private final Model model;
    private final int maxLength;
    private final float[] logits;
    private volatile Readout readout = Readout.ARGMAX;
    private volatile int length;

    // Written on the scheduler's thread, read by the request after its step completes (the
    // completion orders them).
    private Session session;
    private int[] preempted;
    private Readout captured;
    private int capturedArgmax;
    private NonFiniteLogitsException capturedError;
    private boolean closed;

    ScheduledSession(StepScheduler scheduler, Model model) {
        this.scheduler = scheduler;
        this.model = model;
        this.maxLength = Session.maxLength(model.runner());
        this.logits = new float[model.config().vocabSize()];
    }

    @Override
    public int evaluate(int[] context) {
        Objects.requireNonNull(context, "context");
        return scheduler.await(new SessionOp.Evaluate(this, context.clone(), Thread.currentThread(), future()));
    }

    @Override
    public void decode(int token) {
        scheduler.await(new SessionOp.Decode(this, token, Thread.currentThread(), future()));
    }

    @Override
    public int argmax() {
        Readout kept = requireOutput();
        if (capturedError != null) {
            throw capturedError;
        }
        if (kept == Readout.ARGMAX) {
            return capturedArgmax;
        }
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public void readLogits(float[] into) {
        if (into.length != logits.length) {
            throw new IllegalArgumentException(
                    "logits of %d tokens into an array of %d".formatted(logits.length, into.length));
        }
        if (requireOutput() != Readout.LOGITS) {
            throw new IllegalStateException("the last step kept only the argmax: setReadout(LOGITS) before it");
        }
        if (capturedError != null) {
            throw capturedError;
        }
        System.arraycopy(logits, 0, into, 0, logits.length);
    }

    @Override
    public void setReadout(Readout readout) {
        this.readout = Objects.requireNonNull(readout, "readout");
    }

    @Override
    public int maxLength() {
        return maxLength;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public ModelRunner runner() {
        return model.runner();
    }

    /** Returns the blocks to the pool, waiting for the scheduler; later steps are refused. */
    @Override
    public void close() {
        scheduler.await(new SessionOp.Close(this, Thread.currentThread(), future()));
    }

    private static CompletableFuture<Integer> future() {
        return new CompletableFuture<>();
    }

    private Readout requireOutput() {
        if (captured == null) {
            throw new IllegalStateException("nothing has been evaluated yet");
        }
        return captured;
    }

    // ---- on the scheduler's thread ----

    Model model() {
        return model;
    }

    /** The underlying session, opened at the first step. */
    Session session() {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        if (session == null) {
            session = model.newSession();
        }
        return session;
    }

    /** Holds a sequence: stepped at least once and not closed. */
    boolean isOpen() {
        return session != null && !closed;
    }

    boolean isClosed() {
        return closed;
    }

    /** Positions the cache holds now (0 while preempted). */
    int cachedLength() {
        return session == null ? 0 : session.length();
    }

    /** Takes the blocks back; the positions are recomputed before the next decode. */
    void preempt() {
        if (preempted == null) {
            preempted = session.tokens();
        }
        session.clear();
    }

    /**
     * Computes the positions a preemption took away, if it did.
     *
     * @return positions recomputed (0 if none were missing)
     */
    int restore() {
        if (preempted == null) {
            return 0;
        }
        int computed = session().evaluate(preempted);
        preempted = null;
        return computed;
    }

    /** An evaluation supersedes what a preemption took away: it brings the cache to its own context. */
    void forgetPreempted() {
        preempted = null;
    }

    /** Copies what the readout asks for out of the step that just ran, before any other step. */
    void capture() {
        Readout wanted = readout;
        capturedError = null;
        try {
            if (wanted == Readout.LOGITS) {
                session.readLogits(logits);
            } else {
                capturedArgmax = session.argmax();
            }
        } catch (NonFiniteLogitsException e) {
            capturedError = e;
        }
        captured = wanted;
        length = session.length();
    }

    void closeNow() {
        if (!closed && session != null) {
            session.close();
        }
        closed = true;
    }
}
