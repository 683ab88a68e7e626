package io.github.relayllm.core.batch;

import java.util.concurrent.CompletableFuture;

/**
 * A step, or the end, that a request asks of one of its sessions, queued for the scheduler's thread.
 * {@code done} completes with the result (positions computed, for an evaluation) or the exception the
 * request thread rethrows; {@code caller} is the thread that waits for it.
 */
sealed interface SessionOp {
    ScheduledSession session();

    Thread caller();

    CompletableFuture<Integer> done();

    /** Bring the sequence to {@code context}; completes with the positions computed. */
    record Evaluate(ScheduledSession session, int[] context, Thread caller, CompletableFuture<Integer> done)
            implements SessionOp {}

    /** Append {@code token}; batched with the other decodes of the same model. */
    record Decode(ScheduledSession session, int token, Thread caller, CompletableFuture<Integer> done)
            implements SessionOp {}

    /** Return the sequence's blocks to the pool. */
    record Close(ScheduledSession session, Thread caller, CompletableFuture<Integer> done) implements SessionOp {}
}
