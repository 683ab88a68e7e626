package io.github.relayllm.core.batch;

import io.github.relayllm.core.kv.KvCacheFullException;
import io.github.relayllm.core.runtime.ModelRunner;
import io.github.relayllm.core.runtime.RunnerLimits;
import io.github.relayllm.core.runtime.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.IntSupplier;

/**
 * One pass of the scheduler over the operations queued since the last: per model, in the order they
 * arrived, the closes first (they free blocks), then each evaluation alone, then every decode in as
 * few batched steps as the runner's limits allow. Every operation completes, except those the full
 * KV cache put off, which the round hands back. Runs on the thread that owns the models; knows
 * nothing of threads or queues.
 */
final class StepRound {
    private long prefills;
    private long decodeSteps;
    private long decodedRows;
    private int largestBatch;
    private long preemptions;
    private long recomputedTokens;
    private long waitsForBlocks;

    /** What every round so far has done, and the preemptions counted for them. */
    SchedulerStats stats() {
        return new SchedulerStats(
                prefills, decodeSteps, decodedRows, largestBatch, preemptions, recomputedTokens, waitsForBlocks);
    }

    void countPreemption() {
        preemptions++;
    }

    /** An operation the full KV cache put off, and what the cache said. */
    record PutOff(SessionOp op, KvCacheFullException cause) {}

    /**
     * What a round did.
     *
     * @param putOff operations put off because the KV cache was full, in order
     * @param woken the threads whose steps ran: they will soon ask for their next
     */
    record Outcome(List<PutOff> putOff, List<Thread> woken) {}

    /** Runs {@code ops}; every one completes but those put off. */
    Outcome run(List<SessionOp> ops) {
        Map<ModelRunner, List<SessionOp>> byModel = new LinkedHashMap<>();
        for (SessionOp op : ops) {
            byModel.computeIfAbsent(op.session().runner(), r -> new ArrayList<>())
                    .add(op);
        }
        List<PutOff> putOff = new ArrayList<>();
        for (Map.Entry<ModelRunner, List<SessionOp>> model : byModel.entrySet()) {
            List<SessionOp.Decode> decodes = new ArrayList<>();
            for (SessionOp op : model.getValue()) {
                if (op instanceof SessionOp.Close close) {
                    close.session().closeNow();
                    close.done().complete(0);
                }
            }
            for (SessionOp op : model.getValue()) {
                switch (op) {
                    case SessionOp.Evaluate evaluate -> evaluate(evaluate, putOff);
                    case SessionOp.Decode decode -> decodes.add(decode);
                    case SessionOp.Close close -> {}
                }
            }
            decode(model.getKey().limits(), decodes, putOff);
        }
        List<Thread> woken = new ArrayList<>();
        for (SessionOp op : ops) {
            if (!(op instanceof SessionOp.Close) && op.done().isDone()) {
                woken.add(op.caller());
            }
        }
        return new Outcome(putOff, woken);
    }

    private void evaluate(SessionOp.Evaluate op, List<PutOff> putOff) {
        ScheduledSession session = op.session();
        OptionalInt computed = attempt(op, putOff, () -> {
            session.forgetPreempted();
            return session.session().evaluate(op.context());
        });
        if (computed.isPresent()) {
            prefills++;
            finish(op, computed.getAsInt());
        }
    }

    private void decode(RunnerLimits limits, List<SessionOp.Decode> decodes, List<PutOff> putOff) {
        List<SessionOp.Decode> ready = new ArrayList<>();
        for (SessionOp.Decode op : decodes) {
            if (restored(op, putOff)) {
                ready.add(op);
            }
        }
        int batch = Math.min(limits.maxSequencesPerStep(), limits.maxOutputsPerStep());
        for (int from = 0; from < ready.size(); from += batch) {
            List<SessionOp.Decode> step = ready.subList(from, Math.min(ready.size(), from + batch));
            if (step.size() == 1 || !decodedTogether(step)) {
                for (SessionOp.Decode op : step) {
                    decodeAlone(op, putOff);
                }
            }
        }
    }

    /** Recomputes a preempted sequence before its decode; false if that failed or was put off. */
    private boolean restored(SessionOp.Decode op, List<PutOff> putOff) {
        OptionalInt recomputed = attempt(op, putOff, op.session()::restore);
        if (recomputed.orElse(0) > 0) {
            prefills++;
            recomputedTokens += recomputed.getAsInt();
        }
        return recomputed.isPresent();
    }

    /**
     * One step for all of {@code step}. False if it failed, having changed nothing (the sessions are
     * then decoded one by one, so that each gets its own outcome).
     */
    private boolean decodedTogether(List<SessionOp.Decode> step) {
        try {
            List<Session> sessions = new ArrayList<>(step.size());
            int[] tokens = new int[step.size()];
            for (int i = 0; i < step.size(); i++) {
                sessions.add(step.get(i).session().session());
                tokens[i] = step.get(i).token();
            }
            Session.decodeTogether(sessions, tokens);
        } catch (RuntimeException e) {
            return false;
        }
        countDecodeStep(step.size());
        for (SessionOp.Decode op : step) {
            finish(op, 1);
        }
        return true;
    }

    private void decodeAlone(SessionOp.Decode op, List<PutOff> putOff) {
        OptionalInt decoded = attempt(op, putOff, () -> {
            op.session().session().decode(op.token());
            return 1;
        });
        if (decoded.isPresent()) {
            countDecodeStep(1);
            finish(op, 1);
        }
    }

    private void countDecodeStep(int rows) {
        decodeSteps++;
        decodedRows += rows;
        largestBatch = Math.max(largestBatch, rows);
    }

    /**
     * Runs one step of {@code op}: its result, or empty when the full KV cache put {@code op} off (it
     * joins {@code putOff}) or the step failed otherwise ({@code op} completes with the failure).
     */
    private OptionalInt attempt(SessionOp op, List<PutOff> putOff, IntSupplier step) {
        try {
            return OptionalInt.of(step.getAsInt());
        } catch (KvCacheFullException e) {
            waitsForBlocks++;
            putOff.add(new PutOff(op, e));
        } catch (RuntimeException | Error e) {
            op.done().completeExceptionally(e);
        }
        return OptionalInt.empty();
    }

    /** Copies the step's readout for the request and wakes it (with the failure, if reading failed). */
    private static void finish(SessionOp op, int result) {
        try {
            op.session().capture();
            op.done().complete(result);
        } catch (RuntimeException e) {
            op.done().completeExceptionally(e);
        }
    }
}
