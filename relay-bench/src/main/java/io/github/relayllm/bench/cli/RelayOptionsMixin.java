package io.github.relayllm.bench.cli;

import io.github.relayllm.core.relay.CallPolicy;
import io.github.relayllm.core.relay.CatchUpPolicy;
import io.github.relayllm.core.relay.RelayOptions;
import io.github.relayllm.core.relay.SpliceMode;
import io.github.relayllm.core.relay.protocol.CallServing;
import io.github.relayllm.core.relay.protocol.ProtocolOptions;
import io.github.relayllm.core.sampling.SamplingParams;
import java.math.BigDecimal;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options of a relay request: the policy and its parameters, catch-up, splicing, budgets, the
 * paper's variants and sampling (the paper's temperature 0.7 and top-p 1.0 by default). Everything
 * off the reference is off by default.
 */
final class RelayOptionsMixin {
    @Option(
            names = "--policy",
            defaultValue = "relay",
            description =
                    "relay, slm, llm, random-query, random-token, interval or scripted (default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(
            names = "--route-p",
            paramLabel = "P",
            defaultValue = "0.5",
            description = "random-query: P(the LLM answers).")
    double routeP;

    @Option(
            names = "--call-p",
            paramLabel = "Q",
            defaultValue = "0.01",
            description = "random-token: P(call) per SLM token.")
    double callP;

    @Option(
            names = "--call-every",
            paramLabel = "M",
            defaultValue = "200",
            description = "interval, scripted: a call after every M SLM tokens (default: ${DEFAULT-VALUE}).")
    int callEvery;

    @Option(
            names = "--call-tokens",
            paramLabel = "K",
            defaultValue = "20",
            description = "random-token, interval, scripted: tokens per call (default: ${DEFAULT-VALUE}).")
    int callTokens;

    @Option(names = "--catch-up", defaultValue = "lazy", description = "lazy or eager (default: ${DEFAULT-VALUE}).")
    String catchUp;

    @Option(
            names = "--catch-up-chunk",
            paramLabel = "N",
            defaultValue = "32",
            description = "eager: SLM tokens between catch-ups (default: ${DEFAULT-VALUE}).")
    int catchUpChunk;

    @Option(
            names = "--splice",
            defaultValue = "text",
            description = "text (reference) or token (default: ${DEFAULT-VALUE}).")
    String splice;

    @Option(
            names = {"-n", "--budget"},
            paramLabel = "N",
            defaultValue = "8192",
            description = "Global budget of generated tokens (default: ${DEFAULT-VALUE}).")
    int budget;

    @Option(
            names = "--max-turns",
            paramLabel = "N",
            defaultValue = "5",
            description = "SLM turns (default: ${DEFAULT-VALUE}).")
    int maxTurns;

    @Option(names = "--max-call-tokens", paramLabel = "N", description = "Beyond the reference: a cap on N.")
    Integer maxCallTokens;

    @Option(names = "--zero-call-is-free", description = "Beyond the reference: <call>0</call> does not use up a turn.")
    boolean zeroCallIsFree;

    @Option(names = "--teacher-free", description = "The paper's ablation: every call is answered with zero tokens.")
    boolean teacherFree;

    @Option(names = "--fixed-length", paramLabel = "K", description = "The paper's variant: every call gets K tokens.")
    Integer fixedLength;

    @Option(
            names = "--temperature",
            defaultValue = "0.7",
            description = "Both models; 0 is greedy (default: ${DEFAULT-VALUE}).")
    float temperature;

    @Option(names = "--top-p", defaultValue = "1.0", description = "Both models (default: ${DEFAULT-VALUE}).")
    float topP;

    @Option(names = "--seed", defaultValue = "0", description = "The request's seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--ignore-eos", description = "Benchmarks: end-of-generation tokens do not end turns.")
    boolean ignoreEos;

    RelayOptions toOptions() {
        if (teacherFree && fixedLength != null) {
            throw new IllegalArgumentException("--teacher-free and --fixed-length exclude each other");
        }
        ProtocolOptions protocol = ProtocolOptions.reference()
                .withGlobalMaxTokens(budget)
                .withMaxTurns(maxTurns)
                .withZeroCallCountsAsTurn(!zeroCallIsFree);
        if (maxCallTokens != null) {
            protocol = protocol.withMaxCallTokens(maxCallTokens);
        }
        if (teacherFree) {
            protocol = protocol.withServing(CallServing.TEACHER_FREE);
        } else if (fixedLength != null) {
            protocol = protocol.withServing(new CallServing.FixedLength(fixedLength));
        }
        SamplingParams sampling =
                RelayOptions.PAPER_SAMPLING.withTemperature(temperature).withTopP(topP);
        return RelayOptions.paper()
                .withProtocol(protocol)
                .withPolicy(policy())
                .withCatchUp(catchUp())
                .withSplice(splice())
                .withSampling(sampling)
                .withSeed(seed)
                .withStopAtEos(!ignoreEos);
    }

    /**
     * The policy with the parameters that set it apart, for file names and reports: {@code relay},
     * {@code random-query-0.3}, {@code random-token-0.05-20}, {@code interval-200-20}, with {@code
     * -teacher-free} or {@code -fixed-K} for the paper's call variants. Points of one sweep share the
     * prefix before their parameters.
     */
    String policyLabel() {
        String name = policy.toLowerCase(Locale.ROOT);
        String label = switch (name) {
            case "random-query" -> name + "-" + number(routeP);
            case "random-token" -> name + "-" + number(callP) + "-" + callTokens;
            case "interval", "scripted" -> name + "-" + callEvery + "-" + callTokens;
            default -> name;
        };
        if (teacherFree) {
            label += "-teacher-free";
        }
        if (fixedLength != null) {
            label += "-fixed-" + fixedLength;
        }
        return label;
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    CallPolicy policy() {
        return switch (policy.toLowerCase(Locale.ROOT)) {
            case "relay" -> CallPolicy.RELAY;
            case "slm" -> CallPolicy.SLM_ONLY;
            case "llm" -> CallPolicy.LLM_ONLY;
            case "random-query" -> new CallPolicy.RandomQuery(routeP);
            case "random-token" -> new CallPolicy.RandomToken(callP, callTokens);
            case "interval" -> new CallPolicy.Interval(callEvery, callTokens);
            case "scripted" -> new CallPolicy.Scripted(callEvery, callTokens);
            default ->
                throw new IllegalArgumentException(
                        "--policy must be relay, slm, llm, random-query, random-token, interval or scripted, not "
                                + policy);
        };
    }

    private CatchUpPolicy catchUp() {
        return switch (catchUp.toLowerCase(Locale.ROOT)) {
            case "lazy" -> CatchUpPolicy.LAZY;
            case "eager" -> new CatchUpPolicy.Eager(catchUpChunk);
            default -> throw new IllegalArgumentException("--catch-up must be lazy or eager, not " + catchUp);
        };
    }

    private SpliceMode splice() {
        return switch (splice.toLowerCase(Locale.ROOT)) {
            case "text" -> SpliceMode.TEXT;
            case "token" -> SpliceMode.TOKEN;
            default -> throw new IllegalArgumentException("--splice must be text or token, not " + splice);
        };
    }
}
