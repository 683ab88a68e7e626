package io.github.relayllm.core.relay;

import io.github.relayllm.core.relay.protocol.Route;
import java.util.SplittableRandom;

/**
 * Who decides when the LLM writes: the SLM itself (the relay), nobody (SLM or LLM alone), or a
 * baseline caller. Every policy runs in the same scheduler; a policy only picks a request's {@link
 * Route} and may end an SLM turn with a call after any token.
 */
public sealed interface CallPolicy {
    /** The relay: the SLM calls with {@code <call>N</call>}. */
    CallPolicy RELAY = new Relay();
    /** The SLM alone. */
    CallPolicy SLM_ONLY = new SlmOnly();
    /** The LLM alone. */
    CallPolicy LLM_ONLY = new LlmOnly();

    /** The route of a request whose policy randomness is {@code random}. */
    default Route route(SplittableRandom random) {
        return Route.RELAY;
    }

    /**
     * The call to make after the SLM's {@code slmTokens}-th token of the request, if any; called once
     * per SLM token in order.
     */
    default ForcedCall afterSlmToken(int slmTokens, SplittableRandom random) {
        return ForcedCall.NONE;
    }

    /** The name the CLI and reports use. */
    String name();

    /**
     * A call a policy makes for the SLM.
     *
     * @param tokens the N of the call (0: no call)
     * @param writesTag whether the scheduler writes {@code <call>N</call>} into the transcript as if
     *     the SLM had (scripted), or hands off without a tag (the token-level baselines)
     */
    record ForcedCall(int tokens, boolean writesTag) {
        /** No call. */
        public static final ForcedCall NONE = new ForcedCall(0, false);

        public boolean calls() {
            return tokens > 0;
        }

        /** A call of {@code tokens} after every {@code interval}-th SLM token, none otherwise. */
        static ForcedCall every(int interval, int slmTokens, int tokens, boolean writesTag) {
            return slmTokens % interval == 0 ? new ForcedCall(tokens, writesTag) : NONE;
        }
    }

    /** The RelayLLM protocol: the SLM decides. */
    record Relay() implements CallPolicy {
        @Override
        public String name() {
            return "relay";
        }
    }

    /** The SLM writes everything; {@code <call>} is plain text. */
    record SlmOnly() implements CallPolicy {
        @Override
        public Route route(SplittableRandom random) {
            return Route.SLM_ONLY;
        }

        @Override
        public String name() {
            return "slm";
        }
    }

    /** The LLM writes everything. */
    record LlmOnly() implements CallPolicy {
        @Override
        public Route route(SplittableRandom random) {
            return Route.LLM_ONLY;
        }

        @Override
        public String name() {
            return "llm";
        }
    }

    /** A query-level random router: each request goes wholly to the LLM with probability {@code p}. */
    record RandomQuery(double p) implements CallPolicy {
        public RandomQuery {
            requireProbability(p, "p");
        }

        @Override
        public Route route(SplittableRandom random) {
            return random.nextDouble() < p ? Route.LLM_ONLY : Route.SLM_ONLY;
        }

        @Override
        public String name() {
            return "random-query";
        }
    }

    /** A token-level random caller: after each SLM token, a call of {@code k} with probability {@code q}. */
    record RandomToken(double q, int k) implements CallPolicy {
        public RandomToken {
            requireProbability(q, "q");
            requirePositive(k, "k");
        }

        @Override
        public ForcedCall afterSlmToken(int slmTokens, SplittableRandom random) {
            return random.nextDouble() < q ? new ForcedCall(k, false) : ForcedCall.NONE;
        }

        @Override
        public String name() {
            return "random-token";
        }
    }

    /** A fixed-interval caller: after every {@code m} SLM tokens, {@code k} LLM tokens. */
    record Interval(int m, int k) implements CallPolicy {
        public Interval {
            requirePositive(m, "m");
            requirePositive(k, "k");
        }

        @Override
        public ForcedCall afterSlmToken(int slmTokens, SplittableRandom random) {
            return ForcedCall.every(m, slmTokens, k, false);
        }

        @Override
        public String name() {
            return "interval";
        }
    }

    /**
     * Scripted calls for benchmarking the mechanism on models that never call on their own (random
     * weights): after every {@code every} SLM tokens the scheduler writes {@code <call>tokens</call>}
     * for the SLM, and the protocol serves it like any call.
     */
    record Scripted(int every, int tokens) implements CallPolicy {
        public Scripted {
            requirePositive(every, "every");
            requirePositive(tokens, "tokens");
        }

        @Override
        public ForcedCall afterSlmToken(int slmTokens, SplittableRandom random) {
            return ForcedCall.every(every, slmTokens, tokens, true);
        }

        @Override
        public String name() {
            return "scripted";
        }
    }

    private static void requireProbability(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("%s must be a probability in [0, 1], not %s".formatted(name, value));
        }
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException("%s must be at least 1, not %d".formatted(name, value));
        }
    }
}
