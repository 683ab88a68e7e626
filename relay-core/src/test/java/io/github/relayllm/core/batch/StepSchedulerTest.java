package io.github.relayllm.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.relayllm.core.Model;
import io.github.relayllm.core.ModelOptions;
import io.github.relayllm.core.generate.GenerationListener;
import io.github.relayllm.core.generate.GenerationRequest;
import io.github.relayllm.core.kv.ContextLengthExceededException;
import io.github.relayllm.core.model.ModelConfig;
import io.github.relayllm.core.model.synth.RandomModel;
import io.github.relayllm.core.runtime.ModelSession;
import io.github.relayllm.core.runtime.Readout;
import io.github.relayllm.core.runtime.Session;
import io.github.relayllm.core.runtime.TinyQwen3;
import io.github.relayllm.core.sampling.SamplingParams;
import io.github.relayllm.kernels.tensor.DType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests on many threads, stepped by one scheduler on the thread that loaded the model: each gets
 * exactly the tokens it gets alone (the CPU backend is batch invariant), their decodes share steps,
 * and a full KV cache delays, preempts or, when nothing else can give way, fails a request without
 * changing anyone's tokens.
 */
class StepSchedulerTest {
    private static final Duration PATIENT = Duration.ofSeconds(5);

    @TempDir
    static Path dir;

    static Path modelFile;

    @BeforeAll
    static void writeModel() throws IOException {
        ModelConfig config = TinyQwen3.shape(2, 300).build();
        modelFile = dir.resolve("qwen3.gguf");
        RandomModel.of("qwen3", config, Optional.empty(), DType.Q8_0, 21).writeGguf(modelFile);
    }

    static Model load() throws IOException {
        return Model.load(modelFile, ModelOptions.defaults().withThreads(2));
    }

    /** A model whose sequences hold up to {@code context} tokens, in a cache of {@code cacheTokens}. */
    static Model load(int context, int cacheTokens) throws IOException {
        return Model.load(
                modelFile,
                ModelOptions.defaults().withThreads(2).withContextLimit(context).withCacheTokens(cacheTokens));
    }

    /** A request: a prompt and how to generate after it. */
    record Request(int[] prompt, GenerationRequest generation) {}

    static List<Request> requests(int count, SamplingParams sampling) {
        List<Request> requests = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < count; i++) {
            int[] prompt = random.ints(3 + 4 * i, 3, 290).toArray();
            GenerationRequest generation = GenerationRequest.greedy(24 + 3 * i)
                    .withSampling(sampling.withSeed(100 + i))
                    .withStopAtEos(false);
            requests.add(new Request(prompt, generation));
        }
        return requests;
    }

    static List<Integer> generate(Model model, ModelSession session, Request request) {
        try (session) {
            return model.generate(
                            model.newGenerator(),
                            session,
                            request.prompt(),
                            request.generation(),
                            GenerationListener.NONE)
                    .ids();
        }
    }

    static List<List<Integer>> alone(Model model, List<Request> requests) {
        return requests.stream()
                .map(r -> generate(model, model.newSession(), r))
                .toList();
    }

    /** Every request on a thread of its own, at once, through {@code scheduler}. */
    static <T> List<T> concurrently(StepScheduler scheduler, List<Request> requests, Function<Request, T> body)
            throws Exception {
        return scheduler.serve(() -> {
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<T>> futures = new ArrayList<>();
                for (Request request : requests) {
                    futures.add(threads.submit(() -> body.apply(request)));
                }
                List<T> results = new ArrayList<>();
                for (Future<T> future : futures) {
                    results.add(future.get());
                }
                return results;
            }
        });
    }

    @Test
    void greedyRequestsGetTheirOwnTokensWhileSharingDecodeSteps() throws Exception {
        try (Model model = load();
                StepScheduler scheduler = new StepScheduler(PATIENT)) {
            List<Request> requests = requests(6, SamplingParams.GREEDY);
            List<List<Integer>> expected = alone(model, requests);

            List<List<Integer>> got = concurrently(scheduler, requests, r -> generate(model, scheduler.open(model), r));

            assertThat(got).isEqualTo(expected);
            SchedulerStats stats = scheduler.stats();
            assertThat(stats.largestBatch()).isEqualTo(6);
            assertThat(stats.decodedRows())
                    .isEqualTo(
                            expected.stream().mapToLong(ids -> ids.size() - 1).sum());
            assertThat(stats.meanBatch()).isGreaterThan(2);
            assertThat(stats.prefills()).isEqualTo(6);
            assertThat(model.cachePool().usedBlocks()).isZero();
        }
    }

    @Test
    void sampledRequestsReadTheirWholeLogitsRow() throws Exception {
        try (Model model = load();
                StepScheduler scheduler = new StepScheduler(PATIENT)) {
            List<Request> requests = requests(4, SamplingParams.DEFAULT.withTemperature(1.5f));
            List<List<Integer>> expected = alone(model, requests);

            List<List<Integer>> got = concurrently(scheduler, requests, r -> generate(model, scheduler.open(model), r));

            assertThat(got).isEqualTo(expected);
            assertThat(scheduler.stats().largestBatch()).isEqualTo(4);
        }
    }

    @Test
    void aFullCacheDelaysAndPreemptsRequestsWithoutChangingTheirTokens() throws Exception {
        // 8 blocks of 16: each request alone needs at most 4, all five at once need 17.
        try (Model model = load(64, 128);
                StepScheduler scheduler = new StepScheduler(Duration.ofMillis(20))) {
            List<Request> requests = requests(5, SamplingParams.GREEDY);
            List<List<Integer>> expected = alone(model, requests);

            List<List<Integer>> got = concurrently(scheduler, requests, r -> generate(model, scheduler.open(model), r));

            assertThat(got).isEqualTo(expected);
            assertThat(scheduler.stats().waitsForBlocks()).isPositive();
            assertThat(model.cachePool().usedBlocks()).isZero();
        }
    }

    @Test
    void theOwnerStepsAloneAndPreemptsAnIdleSequenceForRoom() throws IOException {
        // 6 blocks of 16 tokens.
        try (Model model = load(96, 96);
                StepScheduler scheduler = new StepScheduler()) {
            int[] longPrompt = new SplittableRandom(1).ints(70, 3, 290).toArray();
            int[] shortPrompt = new SplittableRandom(2).ints(40, 3, 290).toArray();
            int expected;
            try (Session reference = model.newSession()) {
                reference.evaluate(longPrompt);
                reference.decode(7);
                expected = reference.argmax();
            }
            ScheduledSession first = scheduler.open(model);
            ScheduledSession second = scheduler.open(model);

            first.evaluate(longPrompt); // 5 blocks
            assertThat(second.evaluate(shortPrompt)).isEqualTo(40); // 3 blocks: the first is preempted
            assertThat(scheduler.stats().preemptions()).isEqualTo(1);
            assertThat(first.length()).isEqualTo(70);

            first.decode(7); // 71 positions recomputed into 5 blocks: the second is preempted in turn
            assertThat(scheduler.stats().preemptions()).isEqualTo(2);
            assertThat(scheduler.stats().recomputedTokens()).isEqualTo(70);
            assertThat(first.argmax()).isEqualTo(expected);
            assertThat(first.length()).isEqualTo(71);
        }
    }

    @Test
    void aFailingRequestFailsAloneWhileTheOthersFinish() throws Exception {
        try (Model model = load(64, 128);
                StepScheduler scheduler = new StepScheduler(PATIENT)) {
            List<Request> small = requests(2, SamplingParams.GREEDY);
            Request tooLong =
                    new Request(new SplittableRandom(3).ints(50, 3, 290).toArray(), GenerationRequest.greedy(30));
            List<Request> all = List.of(small.get(0), tooLong, small.get(1));
            List<List<Integer>> expected = alone(model, small);

            List<Object> got = concurrently(scheduler, all, r -> {
                try {
                    return generate(model, scheduler.open(model), r);
                } catch (ContextLengthExceededException e) {
                    return e;
                }
            });

            assertThat(got.get(0)).isEqualTo(expected.get(0));
            assertThat(got.get(1)).isInstanceOf(ContextLengthExceededException.class);
            assertThat(got.get(2)).isEqualTo(expected.get(1));
            assertThat(model.cachePool().usedBlocks()).isZero();
        }
    }

    @Test
    void misuseIsRefusedWithAReason() throws Exception {
        try (Model model = load();
                StepScheduler scheduler = new StepScheduler()) {
            ScheduledSession session = scheduler.open(model);
            assertThatThrownBy(() -> session.argmax()).hasMessageContaining("nothing has been evaluated");
            session.setReadout(Readout.ARGMAX);
            session.evaluate(new int[] {5, 6, 7});
            assertThatThrownBy(() -> session.readLogits(new float[300])).hasMessageContaining("setReadout(LOGITS)");
            assertThatThrownBy(() -> session.decode(300)).hasMessageContaining("outside the vocabulary");

            Future<?> elsewhere;
            try (ExecutorService other = Executors.newSingleThreadExecutor()) {
                elsewhere = other.submit(() -> session.decode(8));
                assertThatThrownBy(elsewhere::get)
                        .isInstanceOf(ExecutionException.class)
                        .hasMessageContaining("no thread is serving");
                Future<?> serving = other.submit(() -> scheduler.serve(() -> 1));
                assertThatThrownBy(serving::get).hasMessageContaining("the scheduler belongs to");
            }
            assertThatThrownBy(() -> scheduler.serve(() -> {
                        throw new IOException("the driver failed");
                    }))
                    .isInstanceOf(IOException.class)
                    .hasMessage("the driver failed");
            session.close();
            assertThatThrownBy(() -> session.decode(8)).hasMessageContaining("closed");
            assertThat(model.cachePool().usedBlocks()).isZero();
        }
    }
}
