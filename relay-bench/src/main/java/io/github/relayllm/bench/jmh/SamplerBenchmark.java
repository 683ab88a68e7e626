package io.github.relayllm.bench.jmh;

import io.github.relayllm.core.sampling.Sampler;
import io.github.relayllm.core.sampling.SamplingParams;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to sample one token from Qwen3-sized logits (151,936), per sampling chain:
 *
 * <ul>
 *   <li>{@code greedy}: temperature 0, the argmax;
 *   <li>{@code temperature}: 0.7 with nothing else, as the RelayLLM setup samples: a softmax over
 *       the whole vocabulary and a draw;
 *   <li>{@code top-p}: 0.95 at temperature 0.7, over the whole vocabulary;
 *   <li>{@code top-k+top-p}: llama.cpp's defaults (top-k 40, top-p 0.95, min-p 0.05, temperature
 *       0.8).
 * </ul>
 *
 * Two kinds of logits: {@code peaked} (Gaussian noise of standard deviation 2.5 with twenty tokens
 * 10-20 above it, as a trained model's) and {@code flat} (the noise alone, as a random-weight
 * model's: top-p 0.95 then keeps most of the vocabulary). The chains here add no bias or penalty,
 * so the logits are not modified and need no copy per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class SamplerBenchmark {
    private static final int VOCABULARY = 151_936;

    @Param({"greedy", "temperature", "top-p", "top-k+top-p"})
    public String chain;

    @Param({"peaked", "flat"})
    public String logits;

    private Sampler sampler;
    private float[] values;

    @Setup(Level.Trial)
    public void setUp() {
        SamplingParams params = switch (chain) {
            case "greedy" -> SamplingParams.GREEDY;
            case "temperature" -> SamplingParams.DEFAULT.withTemperature(0.7f);
            case "top-p" -> SamplingParams.DEFAULT.withTemperature(0.7f).withTopP(0.95f);
            case "top-k+top-p" ->
                SamplingParams.DEFAULT
                        .withTemperature(0.8f)
                        .withTopK(40)
                        .withTopP(0.95f)
                        .withMinP(0.05f);
            default -> throw new IllegalArgumentException("unknown chain " + chain);
        };
        sampler = new Sampler(params, VOCABULARY);
        SplittableRandom random = new SplittableRandom(1);
        values = new float[VOCABULARY];
        for (int i = 0; i < VOCABULARY; i++) {
            values[i] = (float) (random.nextGaussian() * 2.5);
        }
        if (logits.equals("peaked")) {
            for (int i = 0; i < 20; i++) {
                values[random.nextInt(VOCABULARY)] += 10 + 0.5f * i;
            }
        }
    }

    @Benchmark
    public int sample() {
        return sampler.sample(values);
    }
}
