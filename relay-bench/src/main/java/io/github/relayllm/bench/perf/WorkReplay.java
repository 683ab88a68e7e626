package io.github.relayllm.bench.perf;

import io.github.relayllm.core.Model;
import io.github.relayllm.core.relay.Author;
import io.github.relayllm.core.runtime.Session;
import java.util.OptionalInt;

/**
 * Repeats a {@link RelayWork} on its two models, step by step, in fresh sessions of its own, and
 * times each kind of work per model: prefills, eager catch-ups, and decoding (feeding a token back
 * and drawing the next with the device's argmax, as the greedy generator does).
 *
 * <p>Steps may run in batches between other work on the same models ({@link RelayOverhead} runs
 * them between a relay's tokens): every step reads its own logits before it returns, and its
 * sessions are its own. Not thread-safe; close it to give the sessions' cache blocks back.
 */
final class WorkReplay implements AutoCloseable {
    private final RelayWork work;
    private final Session slmSession;
    private final Session llmSession;
    private final Tally slm = new Tally();
    private final Tally llm = new Tally();
    private int done;

    WorkReplay(RelayWork work, Model slmModel, Model llmModel) {
        this.work = work;
        this.slmSession = slmModel.newSession();
        try {
            this.llmSession = llmModel.newSession();
        } catch (RuntimeException e) {
            slmSession.close();
            throw e;
        }
    }

    /** Steps in all. */
    int size() {
        return work.steps().size();
    }

    /** Steps run so far. */
    int done() {
        return done;
    }

    /**
     * Runs steps until {@code count} (capped at {@link #size()}) have run.
     *
     * @throws IllegalStateException if a prefill computes other positions than the relay's did
     */
    void runTo(int count) {
        int end = Math.min(count, size());
        for (; done < end; done++) {
            run(work.steps().get(done));
        }
    }

    /** Runs what is left. */
    void finish() {
        runTo(size());
    }

    /** What {@code model}'s steps have cost so far. */
    ModelParts parts(Author model) {
        Tally tally = model == Author.SLM ? slm : llm;
        return new ModelParts(tally.prefill, tally.catchUp, tally.decode, tally.diverged);
    }

    @Override
    public void close() {
        slmSession.close();
        llmSession.close();
    }

    private void run(ModelStep step) {
        Session session = step.model() == Author.SLM ? slmSession : llmSession;
        Tally tally = step.model() == Author.SLM ? slm : llm;
        long start = System.nanoTime();
        switch (step) {
            case ModelStep.Prefill prefill -> {
                int computed = session.evaluate(prefill.context());
                if (computed != prefill.computed()) {
                    throw new IllegalStateException("a replayed %s prefill computed %d positions, the relay's %d"
                            .formatted(step.model(), computed, prefill.computed()));
                }
                long prefilled = System.nanoTime();
                if (prefill.eager()) {
                    tally.catchUp = tally.catchUp.plus(prefilled - start, computed);
                } else {
                    tally.prefill = tally.prefill.plus(prefilled - start, computed);
                }
                start = prefilled;
            }
            case ModelStep.Feed feed -> session.decode(feed.token());
        }
        OptionalInt next = step.next();
        if (next.isPresent() && session.argmax() != next.getAsInt()) {
            tally.diverged++;
        }
        long decodeNanos = System.nanoTime() - start;
        boolean decoding = step instanceof ModelStep.Feed || next.isPresent();
        if (decoding) {
            tally.decode = tally.decode.plus(decodeNanos, next.isPresent() ? 1 : 0);
        }
    }

    /** One model's running totals. */
    private static final class Tally {
        private PartTime prefill = PartTime.NONE;
        private PartTime catchUp = PartTime.NONE;
        private PartTime decode = PartTime.NONE;
        private int diverged;
    }
}
