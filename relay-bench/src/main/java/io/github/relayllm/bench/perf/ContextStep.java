package io.github.relayllm.bench.perf;

/**
 * One stretch of one model's work in a relay request: bring the cache up to {@code context}, then
 * draw {@code tokens} one at a time, feeding the first {@code decoded} of them back. The generator
 * feeds back every drawn token except a turn's last when the turn ends at its token limit or at a
 * stop string, so {@code decoded} is {@code tokens.length} or one less.
 *
 * <p>Holds arrays, so equality is identity; it is a value to replay, not to compare.
 *
 * @param context the ids the cache is brought up to
 * @param computed the positions the relay computed for it (the rest was its cached prefix)
 * @param tokens the tokens the model drew after it (none for an eager catch-up)
 * @param decoded how many of {@code tokens} were fed back into the cache
 * @param eager whether it is an eager catch-up (a prefill ahead of a call) rather than a turn's or a
 *     call's own prefill
 */
record ContextStep(int[] context, int computed, int[] tokens, int decoded, boolean eager) {
    ContextStep {
        if (decoded < 0 || decoded > tokens.length) {
            throw new IllegalArgumentException("%d of %d tokens decoded".formatted(decoded, tokens.length));
        }
    }
}
