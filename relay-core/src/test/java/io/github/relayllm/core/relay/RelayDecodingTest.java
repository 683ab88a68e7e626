package io.github.relayllm.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.relayllm.core.relay.protocol.ProtocolOutcome;
import io.github.relayllm.core.relay.protocol.ProtocolStep;
import io.github.relayllm.core.relay.protocol.RelayProtocol;
import io.github.relayllm.core.relay.protocol.TurnFinish;
import io.github.relayllm.core.relay.protocol.TurnOutput;
import io.github.relayllm.core.sampling.SamplingParams;
import io.github.relayllm.core.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay between two real (random-weight) models whose SLM is scripted by a logit processor to
 * write {@code "Let me think: <call>3</call>"}, then {@code " so it is 7."}: the LLM must get exactly
 * the protocol's context, write 3 tokens, and the SLM must continue from the right context, each
 * model prefilling only what its cache lacks.
 */
class RelayDecodingTest {
    static final String BASE = "User: What is 3 + 4?\nAssistant:";
    static final String TURN_1 = " Let me think: <call>3</call>";
    static final String TURN_2 = " so it is 7.";

    @TempDir
    static Path dir;

    static RelayPair pair;

    @BeforeAll
    static void writeModels() throws IOException {
        pair = RelayPair.write(dir);
    }

    @AfterAll
    static void closeModels() {
        pair.close();
    }

    @AfterEach
    void poolsAreEmpty() {
        assertThat(pair.usedBlocks()).isZero();
    }

    record Run(RelayResult result, ScriptedWriter slm, List<int[]> llmContexts) {}

    static Run run(RelayOptions options) {
        Tokenizer tokenizer = pair.slm().tokenizer();
        int eos = tokenizer.endOfGenerationIds().getFirst();
        int[] script = concat(
                tokenizer.encode(TURN_1, Tokenizer.Specials.AS_TEXT),
                tokenizer.encode(TURN_2, Tokenizer.Specials.AS_TEXT));
        ScriptedWriter slm = new ScriptedWriter(script, eos);
        List<int[]> llmContexts = new ArrayList<>();
        RelayResult result = pair.relay()
                .run(
                        BASE,
                        options.withLogitProcessors(slm, ScriptedWriter.banning(eos, llmContexts)),
                        RelayListener.NONE);
        return new Run(result, slm, llmContexts);
    }

    static RelayOptions greedy() {
        return RelayOptions.paper().withSampling(SamplingParams.GREEDY);
    }

    @Test
    void theLlmGetsTheProtocolsContextAndTheSlmContinuesAfterItsTokens() {
        Run run = run(greedy());
        ProtocolOutcome outcome = run.result().outcome();
        String llmText = llmText(run.result());

        assertThat(outcome.calls()).isEqualTo(1);
        assertThat(outcome.llmGeneratedTokens()).isEqualTo(3);
        assertThat(run.llmContexts().getFirst()).isEqualTo(pair.llm().encodeContext(BASE + "Let me think:"));
        int[] secondTurn = run.slm().contexts().get(TURN_1.length());
        assertThat(secondTurn).isEqualTo(pair.slm().encodeContext(BASE + TURN_1 + llmText));
        assertThat(outcome.finalAnswer()).isEqualTo(TURN_1 + llmText + TURN_2);
        assertThat(pair.usedBlocks()).isZero();
    }

    @Test
    void greedyRelayEqualsTheProtocolOverTheSameTexts() {
        RelayResult result = run(greedy()).result();
        List<TraceSegment> segments = result.trace().segments();
        RelayProtocol protocol = new RelayProtocol(BASE, greedy().protocol());
        List<TurnOutput> slmTurns = new ArrayList<>(List.of(
                new TurnOutput(
                        segments.get(0).text(),
                        TurnFinish.STOP,
                        segments.get(0).tokenIds().size()),
                new TurnOutput(
                        segments.get(2).text(),
                        TurnFinish.STOP,
                        segments.get(2).tokenIds().size())));
        TurnOutput llmTurn = new TurnOutput(segments.get(1).text(), TurnFinish.LENGTH, 3);
        ProtocolStep step = protocol.next();
        while (!(step instanceof ProtocolStep.Finished finished)) {
            switch (step) {
                case ProtocolStep.SlmTurn turn -> protocol.slmTurnEnded(slmTurns.removeFirst());
                case ProtocolStep.LlmCall call -> protocol.llmTurnEnded(llmTurn);
                case ProtocolStep.Finished done -> {}
            }
            step = protocol.next();
        }
        assertThat(finished.outcome()).isEqualTo(result.outcome());
    }

    @Test
    void eachHandOffPrefillsOnlyWhatTheModelsCacheLacks() {
        Run run = run(greedy());
        List<ContextPrefill> prefills = run.result().prefills();
        Tokenizer tokenizer = pair.slm().tokenizer();
        int[] turn1 = tokenizer.encode(TURN_1, Tokenizer.Specials.AS_TEXT);
        int[] base = pair.slm().encodeContext(BASE);
        int[] llmContext = run.llmContexts().getFirst();
        int[] slmContext2 = run.slm().contexts().get(turn1.length);

        assertThat(prefills).extracting(ContextPrefill::model).containsExactly(Author.SLM, Author.LLM, Author.SLM);
        // The SLM's cache after turn 1 holds the prompt and every token it wrote but the last, which
        // no step has run yet; turn 2 computes the rest of its context, and nothing else.
        int[] slmCache = concat(base, Arrays.copyOf(turn1, turn1.length - 1));
        assertThat(prefills.get(0).computedTokens()).isEqualTo(base.length);
        assertThat(prefills.get(1).computedTokens()).isEqualTo(llmContext.length);
        assertThat(prefills.get(2).computedTokens())
                .isEqualTo(slmContext2.length - commonPrefix(slmCache, slmContext2));
        assertThat(prefills.get(2).computedTokens()).isLessThanOrEqualTo(3 + 1 + 2);
        assertThat(run.result().accounting().slmPrefillTokens())
                .isEqualTo(prefills.get(0).computedTokens() + prefills.get(2).computedTokens());
    }

    @Test
    void eagerCatchUpChangesWhenTheLlmPrefillsNotWhatAnyoneWrites() {
        RelayResult lazy = run(greedy().withSeed(5)).result();
        RelayResult eager = run(greedy().withSeed(5).withCatchUp(new CatchUpPolicy.Eager(4)))
                .result();

        assertThat(eager.trace()).isEqualTo(lazy.trace());
        assertThat(eager.outcome()).isEqualTo(lazy.outcome());
        assertThat(eager.prefills()).anyMatch(ContextPrefill::eager);
        // At the call, the LLM computes only the tail its catch-up left out.
        ContextPrefill atCall = eager.prefills().stream()
                .filter(p -> p.model() == Author.LLM && !p.eager())
                .findFirst()
                .orElseThrow();
        assertThat(atCall.computedTokens()).isLessThan(lazy.prefills().get(1).computedTokens());
        assertThat(eager.accounting().llmPrefillTokens())
                .isGreaterThanOrEqualTo(lazy.accounting().llmPrefillTokens());
        assertThat(eager.accounting().timings().catchUpNanos()).isPositive();
        assertThat(pair.usedBlocks()).isZero();
    }

    @Test
    void tokenSpliceGivesTheLlmTheGeneratedIdsWithoutTheTag() {
        Run run = run(greedy().withSplice(SpliceMode.TOKEN));
        Tokenizer tokenizer = pair.slm().tokenizer();
        int[] written = tokenizer.encode("Let me think:", Tokenizer.Specials.AS_TEXT);
        assertThat(run.llmContexts().getFirst()).isEqualTo(concat(pair.slm().encodeContext(BASE), written));
        assertThat(run.result().outcome().llmGeneratedTokens()).isEqualTo(3);
    }

    @Test
    void sampledRelaysReproduceFromTheirSeed() {
        RelayOptions sampled = RelayOptions.paper().withSeed(99);
        assertThat(run(sampled).result().trace())
                .isEqualTo(run(sampled).result().trace());
    }

    static String llmText(RelayResult result) {
        return result.trace().segments().stream()
                .filter(s -> s.author() == Author.LLM)
                .map(TraceSegment::text)
                .reduce("", String::concat);
    }

    static int commonPrefix(int[] a, int[] b) {
        int mismatch = Arrays.mismatch(a, b);
        return mismatch < 0 ? a.length : mismatch;
    }

    static int[] concat(int[] a, int[] b) {
        return IntStream.concat(Arrays.stream(a), Arrays.stream(b)).toArray();
    }
}
