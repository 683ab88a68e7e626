package io.github.relayllm.bench.perf;

/**
 * Time spent on one kind of model work and the tokens it covered: positions computed for a prefill,
 * tokens drawn for a decode.
 *
 * @param nanos wall time, in nanoseconds
 * @param tokens tokens it covered
 */
public record PartTime(long nanos, long tokens) {
    /** No work: the identity of {@link #plus}. */
    public static final PartTime NONE = new PartTime(0, 0);

    /** This and {@code nanos} more spent on {@code tokens} more. */
    public PartTime plus(long moreNanos, long moreTokens) {
        return new PartTime(nanos + moreNanos, tokens + moreTokens);
    }

    /** Milliseconds, for reports. */
    public double millis() {
        return nanos / 1e6;
    }
}
