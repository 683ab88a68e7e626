package io.github.relayllm.bench.jmh;

import io.github.relayllm.core.format.gguf.GgufFile;
import io.github.relayllm.core.format.gguf.GgufWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to open a GGUF file whose metadata is the size of Qwen3's vocabulary (151,936 tokens with
 * types, 151,387 merges): mapping the file, parsing and validating every header field, decoding
 * every string. This is the fixed cost of loading a model before any weight is touched.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class GgufOpenBenchmark {
    private static final int TOKENS = 151_936;
    private static final int MERGES = 151_387;

    private Path file;

    @Setup(Level.Trial)
    public void writeAVocabularySizedFile() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        List<String> tokens = new ArrayList<>(TOKENS);
        int[] types = new int[TOKENS];
        for (int i = 0; i < TOKENS; i++) {
            tokens.add(randomPiece(random));
            types[i] = 1;
        }
        List<String> merges = new ArrayList<>(MERGES);
        for (int i = 0; i < MERGES; i++) {
            merges.add(randomPiece(random) + " " + randomPiece(random));
        }
        file = Files.createTempFile("relay-vocab", ".gguf");
        new GgufWriter()
                .putString("general.architecture", "qwen3")
                .putString("tokenizer.ggml.model", "gpt2")
                .putStringArray("tokenizer.ggml.tokens", tokens)
                .putInt32Array("tokenizer.ggml.token_type", types)
                .putStringArray("tokenizer.ggml.merges", merges)
                .write(file);
    }

    /** Pieces as byte-level vocabularies have them: mostly ASCII, some in the U+0100 block. */
    private static String randomPiece(SplittableRandom random) {
        int length = 1 + random.nextInt(8);
        StringBuilder piece = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            piece.append(
                    random.nextInt(8) == 0 ? (char) (0x100 + random.nextInt(68)) : (char) ('a' + random.nextInt(26)));
        }
        return piece.toString();
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public int open() throws IOException {
        try (GgufFile gguf = GgufFile.open(file)) {
            return gguf.metadata().size();
        }
    }
}
