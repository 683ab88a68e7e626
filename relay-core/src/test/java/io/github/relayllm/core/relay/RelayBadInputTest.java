package io.github.relayllm.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.relayllm.core.Model;
import io.github.relayllm.core.ModelOptions;
import io.github.relayllm.core.model.synth.RandomModel;
import io.github.relayllm.core.relay.protocol.EndReason;
import io.github.relayllm.core.relay.protocol.Markers;
import io.github.relayllm.core.relay.protocol.ProtocolOptions;
import io.github.relayllm.core.relay.protocol.RelayStatus;
import io.github.relayllm.core.sampling.LogitProcessor;
import io.github.relayllm.core.sampling.SamplingParams;
import io.github.relayllm.core.tokenizer.Tokenizer;
import io.github.relayllm.kernels.tensor.DType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends in a clear error or the reference's marker, never a hang or leaked KV blocks. */
class RelayBadInputTest {
    static final String BASE = "User: Go.\nAssistant:";

    @TempDir
    Path dir;

    @Test
    void modelsWithDifferentVocabulariesAreRefused() throws IOException {
        try (RelayPair pair = RelayPair.write(dir)) {
            Path other = dir.resolve("other.gguf");
            RandomModel.of("other", RelayPair.shape(2, 64, 16, 128, 400), Optional.empty(), DType.F32, 3)
                    .writeGguf(other);
            try (Model llm = Model.load(other, ModelOptions.defaults().withThreads(1))) {
                assertThatThrownBy(() -> new Relay(pair.slm(), new LlmSide.Local(llm)))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("384 tokens")
                        .hasMessageContaining("400")
                        .hasMessageContaining("one vocabulary");
            }
        }
    }

    @Test
    void aHugeNIsCappedByTheBudget() throws IOException {
        try (RelayPair pair = RelayPair.write(dir)) {
            RelayResult result = scripted(pair, " <call>1000000000000</call>", 40);
            assertThat(result.outcome().llmGeneratedTokens())
                    .isEqualTo(40 - result.outcome().slmGeneratedTokens());
            assertThat(result.outcome().finalAnswer()).endsWith(Markers.LIMIT_AFTER_CALL);
            assertThat(result.accounting().requestedCallTokens()).isEqualTo(1_000_000_000_000L);
            assertThat(pair.usedBlocks()).isZero();
        }
    }

    @Test
    void aStopStringThatNeverComesEndsAtTheBudget() throws IOException {
        try (RelayPair pair = RelayPair.write(dir)) {
            RelayResult result = scripted(pair, " no call here, just text that goes on and on and on", 20);
            assertThat(result.outcome().slmGeneratedTokens()).isEqualTo(20);
            assertThat(result.outcome().finalAnswer()).endsWith(Markers.globalBudgetSpent(20));
            assertThat(pair.usedBlocks()).isZero();
        }
    }

    @Test
    void aFullSlmContextEndsTheRequestWithAMarker() throws IOException {
        ModelOptions small = ModelOptions.defaults().withThreads(2).withContextLimit(48);
        try (RelayPair pair =
                RelayPair.write(dir, small, ModelOptions.defaults().withThreads(2), RelayPair.VOCABULARY)) {
            RelayResult result = pair.relay().run(BASE, endless(pair, 1000), RelayListener.NONE);
            assertThat(result.outcome().status()).isEqualTo(RelayStatus.FAILED);
            assertThat(result.outcome().end()).isEqualTo(EndReason.CONTEXT_LIMIT);
            assertThat(result.outcome().finalAnswer()).endsWith(Markers.contextLimit("SLM", 48));
            assertThat(pair.usedBlocks()).isZero();
        }
    }

    @Test
    void aFullLlmContextEndsTheRequestWithAMarker() throws IOException {
        ModelOptions small = ModelOptions.defaults().withThreads(2).withContextLimit(32);
        try (RelayPair pair =
                RelayPair.write(dir, ModelOptions.defaults().withThreads(2), small, RelayPair.VOCABULARY)) {
            RelayResult result = pair.relay()
                    .run(BASE, endless(pair, 1000).withPolicy(new CallPolicy.Interval(8, 4)), RelayListener.NONE);
            assertThat(result.outcome().end()).isEqualTo(EndReason.CONTEXT_LIMIT);
            assertThat(result.outcome().finalAnswer()).endsWith(Markers.contextLimit("LLM", 32));
            assertThat(pair.usedBlocks()).isZero();
        }
    }

    @Test
    void cancellingEndsTheRequestAndFreesItsBlocks() throws IOException {
        try (RelayPair pair = RelayPair.write(dir)) {
            AtomicInteger pieces = new AtomicInteger();
            RelayListener cancelAfterTen = new RelayListener() {
                @Override
                public void onText(Author author, String text) {
                    pieces.incrementAndGet();
                }

                @Override
                public boolean isCancelled() {
                    return pieces.get() >= 10;
                }
            };
            RelayResult result = pair.relay()
                    .run(BASE, endless(pair, 1000).withPolicy(new CallPolicy.Interval(4, 4)), cancelAfterTen);
            assertThat(result.outcome().end()).isEqualTo(EndReason.CANCELLED);
            assertThat(result.outcome().generatedTokens()).isEqualTo(10);
            assertThat(pair.usedBlocks()).isZero();
        }
    }

    @Test
    void aFailureInsideAModelPropagatesAndFreesItsBlocks() throws IOException {
        try (RelayPair pair = RelayPair.write(dir)) {
            LogitProcessor failing = (logits, history, length) -> {
                throw new IllegalStateException("the LLM's processor failed");
            };
            RelayOptions options = endless(pair, 100).withPolicy(new CallPolicy.Interval(4, 4));
            assertThatThrownBy(() -> pair.relay()
                            .run(
                                    BASE,
                                    options.withLogitProcessors(options.slmProcessor(), failing),
                                    RelayListener.NONE))
                    .hasMessageContaining("the LLM's processor failed");
            assertThat(pair.usedBlocks()).isZero();
        }
    }

    static RelayResult scripted(RelayPair pair, String text, int budget) {
        Tokenizer tokenizer = pair.slm().tokenizer();
        int eos = tokenizer.endOfGenerationIds().getFirst();
        ScriptedWriter slm = new ScriptedWriter(tokenizer.encode(text, Tokenizer.Specials.AS_TEXT), eos);
        LogitProcessor noEos = (logits, history, length) -> logits[eos] = Float.NEGATIVE_INFINITY;
        RelayOptions options = RelayOptions.paper()
                .withSampling(SamplingParams.GREEDY)
                .withProtocol(ProtocolOptions.reference().withGlobalMaxTokens(budget))
                .withLogitProcessors(slm, noEos);
        return pair.relay().run(BASE, options, RelayListener.NONE);
    }

    static RelayOptions endless(RelayPair pair, int budget) {
        int eos = pair.slm().tokenizer().endOfGenerationIds().getFirst();
        LogitProcessor noEos = (logits, history, length) -> logits[eos] = Float.NEGATIVE_INFINITY;
        return RelayOptions.paper()
                .withSampling(SamplingParams.GREEDY)
                .withProtocol(ProtocolOptions.reference().withGlobalMaxTokens(budget))
                .withLogitProcessors(noEos, noEos);
    }
}
