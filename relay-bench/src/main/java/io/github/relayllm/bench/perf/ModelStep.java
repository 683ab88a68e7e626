package io.github.relayllm.bench.perf;

import io.github.relayllm.core.relay.Author;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One call into a model that a relay request made, to be repeated alone: a prefill, or a drawn token
 * fed back. Each ends by reading the next token (the device's argmax, as the greedy generator does)
 * when the relay drew one there, in the same step, so that a replay interleaved with other work on
 * the same model reads its own logits.
 *
 * <p>Holds an array, so equality is identity; steps are replayed, not compared.
 */
sealed interface ModelStep {
    /** The model this step runs on: {@link Author#SLM} or {@link Author#LLM}. */
    Author model();

    /** The token the relay drew after this step, if it drew one. */
    OptionalInt next();

    /**
     * The model's cache brought up to a context.
     *
     * @param context the ids it was brought up to
     * @param computed the positions the relay computed (the rest was its cached prefix)
     * @param eager whether it was an eager catch-up ahead of a call rather than a turn's or a call's
     *     own prefill
     */
    record Prefill(Author model, int[] context, int computed, boolean eager, OptionalInt next) implements ModelStep {
        public Prefill {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(next, "next");
        }
    }

    /**
     * A drawn token fed back into the cache. The generator feeds back every token it draws except a
     * turn's last when the turn ends at its token limit or at a stop string.
     *
     * @param token the token fed back
     */
    record Feed(Author model, int token, OptionalInt next) implements ModelStep {
        public Feed {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(next, "next");
        }
    }
}
