package io.github.relayllm.core.batch;

/**
 * What a {@link StepScheduler} has done since it was made: for a throughput report, and for tests
 * that batching and preemption happened.
 *
 * @param prefills evaluations run (each alone, chunked by the runner's step size)
 * @param decodeSteps steps that decoded one token for each of one or more sequences
 * @param decodedRows tokens those steps decoded, summed over sequences
 * @param largestBatch most sequences one decode step held
 * @param preemptions sequences whose blocks were taken back to make room for another
 * @param recomputedTokens positions computed again for preempted sequences
 * @param waitsForBlocks steps put off because the KV cache was full
 */
public record SchedulerStats(
        long prefills,
        long decodeSteps,
        long decodedRows,
        int largestBatch,
        long preemptions,
        long recomputedTokens,
        long waitsForBlocks) {

    static final SchedulerStats NONE = new SchedulerStats(0, 0, 0, 0, 0, 0, 0);

    /** Sequences per decode step, on average; 0 before the first. */
    public double meanBatch() {
        return decodeSteps == 0 ? 0 : (double) decodedRows / decodeSteps;
    }
}
