package io.github.relayllm.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.relayllm.core.batch.StepScheduler;
import io.github.relayllm.core.relay.protocol.ProtocolOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relay requests run at once through a {@link StepScheduler} (a local LLM; sampled with the paper's
 * settings, so every step reads a whole row of logits) write exactly what each writes alone: same
 * transcript, same calls, same tokens and prefills, whoever shared their steps.
 */
class RelayConcurrencyTest {
    static final String BASE = "User: What is 3 + 4?\nAssistant:";

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

    static List<RelayOptions> requests() {
        return IntStream.range(0, 5)
                .mapToObj(i -> RelayOptions.paper()
                        .withProtocol(ProtocolOptions.reference().withGlobalMaxTokens(24 + 4 * i))
                        .withPolicy(i % 2 == 0 ? new CallPolicy.Interval(7, 3) : new CallPolicy.RandomQuery(0.5))
                        .withCatchUp(i == 3 ? new CatchUpPolicy.Eager(4) : new CatchUpPolicy.Lazy())
                        .withSeed(40 + i))
                .toList();
    }

    /** What a request must reproduce: everything but its timings. */
    record Written(Object outcome, Object trace, List<ContextPrefill> prefills, List<Long> counters) {
        static Written of(RelayResult result) {
            RelayAccounting a = result.accounting();
            return new Written(
                    result.outcome(),
                    result.trace(),
                    result.prefills(),
                    List.of(
                            a.slmGeneratedTokens(),
                            a.llmGeneratedTokens(),
                            a.slmPrefillTokens(),
                            a.llmPrefillTokens(),
                            a.llmUnusedPrefillTokens(),
                            a.calls(),
                            a.receivedCallTokens()));
        }
    }

    @Test
    void requestsAtOnceWriteWhatEachWritesAlone() throws Exception {
        Relay relay = pair.relay();
        List<Written> alone = requests().stream()
                .map(options -> Written.of(relay.run(BASE, options, RelayListener.NONE)))
                .toList();
        assertThat(alone).extracting(w -> w.counters().get(5)).anyMatch(calls -> calls > 0);

        try (StepScheduler scheduler = new StepScheduler(Duration.ofSeconds(5))) {
            Relay scheduled = relay.scheduledBy(scheduler);
            List<Written> together = scheduler.serve(() -> {
                try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                    List<Future<RelayResult>> futures = new ArrayList<>();
                    for (RelayOptions options : requests()) {
                        futures.add(threads.submit(() -> scheduled.run(BASE, options, RelayListener.NONE)));
                    }
                    List<Written> results = new ArrayList<>();
                    for (Future<RelayResult> future : futures) {
                        results.add(Written.of(future.get()));
                    }
                    return results;
                }
            });

            assertThat(together).isEqualTo(alone);
            assertThat(scheduler.stats().largestBatch()).isGreaterThan(1);
        }
    }
}
