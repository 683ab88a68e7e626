package io.github.relayllm.bench.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.relayllm.core.Model;
import io.github.relayllm.core.ModelOptions;
import io.github.relayllm.core.relay.CatchUpPolicy;
import io.github.relayllm.core.relay.RelayOptions;
import io.github.relayllm.core.relay.SpliceMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overhead harness replays exactly the relay's work, interleaved or not; no wall-clock assertion. */
class RelayOverheadTest {
    @TempDir
    static Path dir;

    static Model slm;
    static Model llm;

    @BeforeAll
    static void load() throws IOException {
        TinyRelayModels files = TinyRelayModels.write(dir);
        ModelOptions options = ModelOptions.defaults().withThreads(1).withCacheTokens(4096);
        slm = Model.load(files.slm(), options);
        llm = Model.load(files.llm(), options);
    }

    @AfterAll
    static void close() {
        slm.close();
        llm.close();
    }

    @Test
    void interleavedSamplesReplayTheWarmUpsWorkExactly() {
        for (CatchUpPolicy catchUp : new CatchUpPolicy[] {CatchUpPolicy.LAZY, new CatchUpPolicy.Eager(3)}) {
            RelayOverhead overhead = new RelayOverhead(slm, llm, RelayOverhead.scripted(4, 3, 25, catchUp));
            OverheadSample warmUp = overhead.warmUp();
            OverheadSample sample = overhead.sample();
            for (OverheadSample s : new OverheadSample[] {warmUp, sample}) {
                assertThat(s.divergedTokens()).as(catchUp.name()).isZero();
                assertThat(s.slm().decode().tokens() + s.llm().decode().tokens())
                        .isEqualTo(25);
                assertThat(s.slm().prefill().tokens()).isEqualTo(s.accounting().slmPrefillTokens());
                assertThat(s.llm().prefill().tokens() + s.llm().catchUp().tokens())
                        .isEqualTo(s.accounting().llmPrefillTokens());
            }
            for (Function<OverheadSample, PartTime> part : parts()) {
                assertThat(part.apply(sample).tokens())
                        .isEqualTo(part.apply(warmUp).tokens());
            }
            assertThat(sample.llm().catchUp().tokens() > 0).isEqualTo(catchUp instanceof CatchUpPolicy.Eager);
            assertThat(slm.cachePool().usedBlocks() + llm.cachePool().usedBlocks())
                    .isZero();
        }
    }

    private static List<Function<OverheadSample, PartTime>> parts() {
        return List.of(
                s -> s.slm().prefill(),
                s -> s.slm().decode(),
                s -> s.llm().prefill(),
                s -> s.llm().catchUp(),
                s -> s.llm().decode());
    }

    @Test
    void samplesNeedAWarmUpFirst() {
        RelayOverhead overhead = new RelayOverhead(slm, llm, RelayOverhead.scripted(4, 3, 25, CatchUpPolicy.LAZY));
        assertThatThrownBy(overhead::sample)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("warm up");
    }

    @Test
    void onlyGreedyTextSplicedRequestsWithoutEosStopsCanBeReplayed() {
        RelayOptions scripted = RelayOverhead.scripted(4, 3, 25, CatchUpPolicy.LAZY);
        for (RelayOptions bad : new RelayOptions[] {
            scripted.withSampling(RelayOptions.PAPER_SAMPLING),
            scripted.withSplice(SpliceMode.TOKEN),
            scripted.withStopAtEos(true)
        }) {
            assertThatThrownBy(() -> new RelayOverhead(slm, llm, bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
