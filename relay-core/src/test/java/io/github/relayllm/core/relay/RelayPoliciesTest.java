package io.github.relayllm.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.relayllm.core.relay.protocol.CallServing;
import io.github.relayllm.core.relay.protocol.CallTags;
import io.github.relayllm.core.relay.protocol.EndReason;
import io.github.relayllm.core.relay.protocol.Markers;
import io.github.relayllm.core.relay.protocol.ProtocolOptions;
import io.github.relayllm.core.relay.protocol.ProtocolOutcome;
import io.github.relayllm.core.sampling.LogitProcessor;
import io.github.relayllm.core.sampling.SamplingParams;
import io.github.relayllm.core.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baselines and the paper's variants are policies of the same scheduler. */
class RelayPoliciesTest {
    static final String BASE = "User: Count.\nAssistant:";

    @TempDir
    static Path dir;

    static RelayPair pair;
    static int eos;

    @BeforeAll
    static void writeModels() throws IOException {
        pair = RelayPair.write(dir);
        eos = pair.slm().tokenizer().endOfGenerationIds().getFirst();
    }

    @AfterAll
    static void closeModels() {
        pair.close();
    }

    @AfterEach
    void poolsAreEmpty() {
        assertThat(pair.usedBlocks()).isZero();
    }

    /** Greedy, end-of-generation banned for both models: random weights write until a budget stops them. */
    static RelayOptions endless(int budget, CallPolicy policy) {
        LogitProcessor noEos = (logits, history, length) -> logits[eos] = Float.NEGATIVE_INFINITY;
        return RelayOptions.paper()
                .withSampling(SamplingParams.GREEDY)
                .withProtocol(ProtocolOptions.reference().withGlobalMaxTokens(budget))
                .withPolicy(policy)
                .withLogitProcessors(noEos, noEos);
    }

    static RelayResult run(RelayOptions options) {
        return pair.relay().run(BASE, options, RelayListener.NONE);
    }

    @Test
    void intervalCallerHandsOffEveryMTokensWithoutATag() {
        RelayResult result = run(endless(30, new CallPolicy.Interval(5, 2)));
        ProtocolOutcome outcome = result.outcome();
        assertThat(outcome.calls()).isEqualTo(4);
        assertThat(outcome.llmGeneratedTokens()).isEqualTo(8);
        assertThat(outcome.slmGeneratedTokens()).isEqualTo(22);
        assertThat(outcome.end()).isEqualTo(EndReason.TURN_LIMIT);
        assertThat(result.trace().segments())
                .extracting(TraceSegment::author)
                .containsExactly(
                        Author.SLM,
                        Author.LLM,
                        Author.SLM,
                        Author.LLM,
                        Author.SLM,
                        Author.LLM,
                        Author.SLM,
                        Author.LLM,
                        Author.SLM);
        assertThat(result.trace().segments())
                .filteredOn(s -> s.author() == Author.SLM)
                .extracting(s -> s.tokenIds().size())
                .containsExactly(5, 5, 5, 5, 2);
        assertThat(result.trace().answer()).isEqualTo(outcome.finalAnswer());
        assertThat(result.accounting().callRatio()).isEqualTo(8.0 / 30);
    }

    @Test
    void scriptedPolicyWritesTheTagForTheSlmAndTheProtocolServesIt() {
        RelayResult result = run(endless(30, new CallPolicy.Scripted(5, 2)));
        assertThat(result.outcome().calls()).isEqualTo(4);
        assertThat(result.trace().segments())
                .filteredOn(s -> s.author() == Author.SCHEDULER)
                .extracting(TraceSegment::text)
                .containsOnly("<call>2</call>")
                .hasSize(4);
        assertThat(result.outcome().finalAnswer()).contains("<call>2</call>");
        assertThat(result.outcome().llmGeneratedTokens()).isEqualTo(8);
        assertThat(result.accounting().requestedCallTokens()).isEqualTo(8);
        assertThat(result.accounting().receivedCallTokens()).isEqualTo(8);
    }

    @Test
    void randomTokenCallerWithCertaintyCallsAfterEveryToken() {
        RelayResult result = run(endless(30, new CallPolicy.RandomToken(1, 1)));
        assertThat(result.outcome().calls()).isEqualTo(4);
        assertThat(result.outcome().slmGeneratedTokens()).isEqualTo(5);
        assertThat(result.outcome().llmGeneratedTokens()).isEqualTo(4);
    }

    @Test
    void llmOnlyWritesEverythingAndEndsAtTheBudgetWithTheReferencesMarker() {
        RelayResult result = run(endless(12, CallPolicy.LLM_ONLY));
        assertThat(result.outcome().slmGeneratedTokens()).isZero();
        assertThat(result.outcome().llmGeneratedTokens()).isEqualTo(12);
        assertThat(result.outcome().finalAnswer()).endsWith(Markers.LIMIT_AFTER_CALL);
        assertThat(result.accounting().callRatio()).isEqualTo(1.0);
    }

    @Test
    void slmOnlyTakesCallTagsAsText() {
        Tokenizer tokenizer = pair.slm().tokenizer();
        ScriptedWriter slm =
                new ScriptedWriter(tokenizer.encode(" a <call>3</call> b", Tokenizer.Specials.AS_TEXT), eos);
        RelayResult result = pair.relay()
                .run(
                        BASE,
                        RelayOptions.paper()
                                .withPolicy(CallPolicy.SLM_ONLY)
                                .withLogitProcessors(slm, LogitProcessor.NONE),
                        RelayListener.NONE);
        assertThat(result.outcome().finalAnswer()).isEqualTo(" a <call>3</call> b");
        assertThat(result.outcome().calls()).isZero();
        assertThat(result.outcome().end()).isEqualTo(EndReason.SLM_FINISHED);
    }

    @Test
    void randomQueryRouterSendsWholeRequestsOneWayOrTheOther() {
        assertThat(run(endless(10, new CallPolicy.RandomQuery(1))).outcome().llmGeneratedTokens())
                .isEqualTo(10);
        assertThat(run(endless(10, new CallPolicy.RandomQuery(0))).outcome().slmGeneratedTokens())
                .isEqualTo(10);
        List<Integer> llmShares = new ArrayList<>();
        for (long seed = 0; seed < 12; seed++) {
            llmShares.add(run(endless(4, new CallPolicy.RandomQuery(0.5)).withSeed(seed))
                    .outcome()
                    .llmGeneratedTokens());
        }
        assertThat(llmShares).containsOnly(0, 4).contains(0, 4);
    }

    @Test
    void teacherFreeAnswersEveryCallWithNothing() {
        RelayOptions options = endless(30, new CallPolicy.Scripted(5, 2));
        RelayResult result = run(options.withProtocol(options.protocol().withServing(CallServing.TEACHER_FREE)));
        assertThat(result.outcome().calls()).isEqualTo(4);
        assertThat(result.outcome().llmGeneratedTokens()).isZero();
        assertThat(result.trace().segments()).noneMatch(s -> s.author() == Author.LLM);
    }

    @Test
    void fixedLengthHelpIgnoresN() {
        RelayOptions options = endless(40, new CallPolicy.Scripted(5, 7));
        RelayResult result = run(options.withProtocol(options.protocol().withServing(new CallServing.FixedLength(3))));
        assertThat(result.trace().segments())
                .filteredOn(s -> s.author() == Author.LLM)
                .allMatch(s -> s.tokenIds().size() == 3);
        assertThat(result.accounting().requestedCallTokens())
                .isEqualTo(7L * result.outcome().calls());
    }

    @Test
    void noLlmContextHoldsACallTag() {
        List<int[]> contexts = new ArrayList<>();
        RelayOptions options = endless(40, new CallPolicy.Scripted(3, 2));
        run(options.withLogitProcessors(options.slmProcessor(), ScriptedWriter.banning(eos, contexts)));
        assertThat(contexts)
                .isNotEmpty()
                .allSatisfy(ids -> assertThat(CallTags.containsCompleteTag(
                                pair.llm().tokenizer().decode(ids)))
                        .isFalse());
    }
}
