package io.github.relayllm.core.relay;

import io.github.relayllm.core.relay.protocol.ProtocolOptions;
import io.github.relayllm.core.sampling.LogitProcessor;
import io.github.relayllm.core.sampling.SamplingParams;
import java.util.Objects;

/**
 * Everything that shapes one relay request besides its prompt. {@link #paper()} is the paper's
 * setting: the reference protocol, the relay policy, lazy catch-up, text splicing, temperature 0.7
 * and top-p 1.0 for both models.
 *
 * @param protocol budgets, turns and the protocol's options
 * @param policy who decides when the LLM writes
 * @param catchUp when the LLM prefills
 * @param splice how the LLM's context is built
 * @param slmSampling the SLM's sampling (its seed is replaced per turn from {@code seed})
 * @param llmSampling the LLM's sampling (its seed is replaced per call from {@code seed})
 * @param seed the request's seed: the same seed and inputs give the same answer
 * @param stopAtEos whether end-of-generation tokens end turns (benchmarks on random weights turn it off)
 * @param slmProcessor a logit processor for the SLM's draws ({@link LogitProcessor#NONE}: none), e.g.
 *     to script what it writes in a test
 * @param llmProcessor the same for a local LLM
 */
public record RelayOptions(
        ProtocolOptions protocol,
        CallPolicy policy,
        CatchUpPolicy catchUp,
        SpliceMode splice,
        SamplingParams slmSampling,
        SamplingParams llmSampling,
        long seed,
        boolean stopAtEos,
        LogitProcessor slmProcessor,
        LogitProcessor llmProcessor) {

    /** The paper's sampling for both models. */
    public static final SamplingParams PAPER_SAMPLING =
            SamplingParams.DEFAULT.withTemperature(0.7f).withTopP(1f);

    public RelayOptions {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(catchUp, "catchUp");
        Objects.requireNonNull(splice, "splice");
        Objects.requireNonNull(slmSampling, "slmSampling");
        Objects.requireNonNull(llmSampling, "llmSampling");
        Objects.requireNonNull(slmProcessor, "slmProcessor");
        Objects.requireNonNull(llmProcessor, "llmProcessor");
    }

    /** The paper's setting with seed 0. */
    public static RelayOptions paper() {
        return new RelayOptions(
                ProtocolOptions.reference(),
                CallPolicy.RELAY,
                CatchUpPolicy.LAZY,
                SpliceMode.TEXT,
                PAPER_SAMPLING,
                PAPER_SAMPLING,
                0,
                true,
                LogitProcessor.NONE,
                LogitProcessor.NONE);
    }

    public RelayOptions withProtocol(ProtocolOptions value) {
        return new RelayOptions(
                value, policy, catchUp, splice, slmSampling, llmSampling, seed, stopAtEos, slmProcessor, llmProcessor);
    }

    public RelayOptions withPolicy(CallPolicy value) {
        return new RelayOptions(
                protocol,
                value,
                catchUp,
                splice,
                slmSampling,
                llmSampling,
                seed,
                stopAtEos,
                slmProcessor,
                llmProcessor);
    }

    public RelayOptions withCatchUp(CatchUpPolicy value) {
        return new RelayOptions(
                protocol, policy, value, splice, slmSampling, llmSampling, seed, stopAtEos, slmProcessor, llmProcessor);
    }

    public RelayOptions withSplice(SpliceMode value) {
        return new RelayOptions(
                protocol,
                policy,
                catchUp,
                value,
                slmSampling,
                llmSampling,
                seed,
                stopAtEos,
                slmProcessor,
                llmProcessor);
    }

    /** Both models sample with {@code value}. */
    public RelayOptions withSampling(SamplingParams value) {
        return new RelayOptions(
                protocol, policy, catchUp, splice, value, value, seed, stopAtEos, slmProcessor, llmProcessor);
    }

    public RelayOptions withSampling(SamplingParams slm, SamplingParams llm) {
        return new RelayOptions(
                protocol, policy, catchUp, splice, slm, llm, seed, stopAtEos, slmProcessor, llmProcessor);
    }

    public RelayOptions withSeed(long value) {
        return new RelayOptions(
                protocol,
                policy,
                catchUp,
                splice,
                slmSampling,
                llmSampling,
                value,
                stopAtEos,
                slmProcessor,
                llmProcessor);
    }

    public RelayOptions withStopAtEos(boolean value) {
        return new RelayOptions(
                protocol, policy, catchUp, splice, slmSampling, llmSampling, seed, value, slmProcessor, llmProcessor);
    }

    /** Logit processors for the SLM's and a local LLM's draws. */
    public RelayOptions withLogitProcessors(LogitProcessor slm, LogitProcessor llm) {
        return new RelayOptions(protocol, policy, catchUp, splice, slmSampling, llmSampling, seed, stopAtEos, slm, llm);
    }
}
