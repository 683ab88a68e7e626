package io.github.relayllm.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.relayllm.core.format.gguf.GgufFile;
import io.github.relayllm.core.tokenizer.Tokenizer;
import io.github.relayllm.core.tokenizer.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Encoding speed of the Qwen3 tokenizer in MB/s of UTF-8 input, on one thread: the {@code
 * megabytes} counter JMH prints beside the score is megabytes encoded per second (the score itself
 * is encodes of the whole text per second).
 *
 * <ul>
 *   <li>{@code english}: a few KB of English prose (a resource of this module);
 *   <li>{@code latex}: the {@code problem} fields of MATH-500, LaTeX-heavy (read from {@code
 *       ../shared/datasets/math500.test.jsonl}; without it this case fails at setup saying so);
 *   <li>{@code cjk}: a few KB of Chinese and Japanese prose (a resource);
 *   <li>{@code unseen}: 1 MB of random lowercase words, nearly all new to the tokenizer's word cache:
 *       the cost of BPE itself, which the other cases pay only for a word's first occurrence.
 * </ul>
 *
 * <p>The vocabulary comes from {@code -p vocabulary=...} (default: the Qwen3 oracle vocabulary of
 * {@code ../shared}, relative to the working directory).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class TokenizerEncodeBenchmark {
    private static final String MATH500 = "../shared/datasets/math500.test.jsonl";

    @Param({"../shared/oracle/vocab/ggml-vocab-qwen3.gguf"})
    public String vocabulary;

    @Param({"english", "latex", "cjk", "unseen"})
    public String text;

    private Tokenizer tokenizer;
    private String input;
    private double inputMegabytes;

    /** Megabytes of UTF-8 input encoded; JMH reports it per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {
        public double megabytes;
    }

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path file = Path.of(vocabulary);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no vocabulary at " + file.toAbsolutePath()
                    + ": run from the project root beside ../shared, or pass -p vocabulary=<a gguf file>");
        }
        try (GgufFile gguf = GgufFile.open(file)) {
            tokenizer = Tokenizer.of(Vocabulary.of(gguf.metadata())
                    .orElseThrow(() -> new IllegalStateException(file + " has no tokenizer")));
        }
        input = switch (text) {
            case "english" -> resource("english-prose.txt");
            case "cjk" -> resource("cjk-text.txt");
            case "latex" -> mathProblems();
            case "unseen" -> randomWords();
            default -> throw new IllegalArgumentException("unknown text " + text);
        };
        inputMegabytes = input.getBytes(StandardCharsets.UTF_8).length / 1e6;
    }

    @Benchmark
    public int[] encode(Throughput throughput) {
        throughput.megabytes += inputMegabytes;
        return tokenizer.encode(input, Tokenizer.Specials.AS_TEXT);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TokenizerEncodeBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String mathProblems() throws IOException {
        Path file = Path.of(MATH500);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(
                    "skipped: the latex text needs " + file.toAbsolutePath() + " (../shared/datasets)");
        }
        ObjectMapper json = new ObjectMapper();
        StringBuilder problems = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode record = json.readTree(line);
            problems.append(record.path("problem").asText()).append("\n\n");
        }
        return problems.toString();
    }

    private static String randomWords() {
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder words = new StringBuilder(1 << 20);
        while (words.length() < 1_000_000) {
            words.append(' ');
            for (int i = 3 + random.nextInt(8); i > 0; i--) {
                words.append((char) ('a' + random.nextInt(26)));
            }
        }
        return words.toString();
    }
}
