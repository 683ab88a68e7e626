package io.github.relayllm.core.format.hf;

import static io.github.relayllm.core.format.hf.TestTensors.counting;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.relayllm.core.format.ModelFormatException;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import io.github.relayllm.kernels.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Damages valid safetensors files in the ways real files get damaged (bit rot, truncation, a wrong
 * length, hand edits of the JSON) and checks that the reader either accepts the result as a
 * consistent file or rejects it with a {@link ModelFormatException}: never another exception, a
 * hang or an out-of-memory error.
 */
class SafetensorsFuzzTest {
    private static List<byte[]> seeds;
    private static Path scratch;

    @BeforeContainer
    static void writeSeeds() throws IOException {
        scratch = Files.createTempDirectory("safetensors-fuzz");
        seeds = List.of(
                seed(new SafetensorsWriter()),
                seed(new SafetensorsWriter()
                        .metadata("format", "pt")
                        .add("model.embed_tokens.weight", counting(DType.BF16, Shape.of(4, 3), 1))
                        .add("model.norm.weight", counting(DType.F32, Shape.of(3), 2))
                        .add("lm_head.weight", counting(DType.F16, Shape.of(4, 3), 3))),
                seed(new SafetensorsWriter()
                        .add("a", counting(DType.I8, Shape.of(1), 4))
                        .add("b", counting(DType.I64, Shape.of(2, 1, 2), 5))
                        .add("c", counting(DType.F64, Shape.of(1), 6))
                        .add("d", counting(DType.I16, Shape.of(5), 7))
                        .add("e", counting(DType.I32, Shape.of(3), 8))),
                SafetensorsBytes.file("{\"s\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}", 4));
    }

    @AfterContainer
    static void deleteScratch() throws IOException {
        Files.deleteIfExists(scratch.resolve("fuzz.safetensors"));
        Files.deleteIfExists(scratch);
    }

    @Property(tries = 10_000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void damagedFilesAreReadConsistentlyOrRejected(
            @ForAll("seedIndex") int seed, @ForAll("mutations") List<SafetensorsMutation> mutations) {
        byte[] file = damage(seed, mutations);
        String outcome;
        try {
            checkConsistent(Safetensors.parse(MemorySegment.ofArray(file), "fuzz"), file.length);
            outcome = "accepted";
        } catch (ModelFormatException rejected) {
            assertThat(rejected.source()).isEqualTo("fuzz");
            outcome = rejected.field().replaceAll("\\[[^]]*]", "[]");
        }
        // The fuzzer is only worth its time if damage gets past the parser to the checks behind it.
        Statistics.collect(outcome);
        Statistics.coverage(coverage -> {
            coverage.check("accepted").percentage(percent -> percent >= 3);
            coverage.check("header[].dtype").percentage(percent -> percent >= 3);
            coverage.check("header[].data_offsets").percentage(percent -> percent >= 3);
            coverage.check("data").percentage(percent -> percent >= 0.5);
        });
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void damagedFilesOnDiskAreReadConsistentlyOrRejected(
            @ForAll("seedIndex") int seed, @ForAll("mutations") List<SafetensorsMutation> mutations)
            throws IOException {
        byte[] file = damage(seed, mutations);
        Path path = scratch.resolve("fuzz.safetensors");
        Files.write(path, file);
        try (Safetensors parsed = Safetensors.open(path)) {
            checkConsistent(parsed, file.length);
        } catch (ModelFormatException rejected) {
            assertThat(rejected.source()).isEqualTo(path.toString());
        }
    }

    @Provide
    Arbitrary<Integer> seedIndex() {
        return Arbitraries.integers().between(0, 3);
    }

    @Provide
    Arbitrary<List<SafetensorsMutation>> mutations() {
        Arbitrary<Integer> anywhere = Arbitraries.integers().greaterOrEqual(0);
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 255);
        // Weighted towards edits that keep the JSON well-formed, so most tries reach the checks
        // behind the parser rather than stopping at the length field or a syntax error.
        Arbitrary<SafetensorsMutation> mutation = Arbitraries.frequencyOf(
                Tuple.of(2, anywhere.flatMap(p -> small.map(b -> new SafetensorsMutation.FlipBit(p, b)))),
                Tuple.of(1, anywhere.map(SafetensorsMutation.Truncate::new)),
                Tuple.of(1, small.map(SafetensorsMutation.Append::new)),
                Tuple.of(
                        1,
                        Arbitraries.longs()
                                .between(-16, 16)
                                .map(d -> new SafetensorsMutation.EditHeaderLength(d, false))),
                Tuple.of(1, Arbitraries.longs().map(v -> new SafetensorsMutation.EditHeaderLength(v, true))),
                Tuple.of(5, anywhere.flatMap(o -> small.map(d -> new SafetensorsMutation.EditDigit(o, d)))),
                Tuple.of(2, anywhere.flatMap(o -> small.map(r -> new SafetensorsMutation.EditPunctuation(o, r)))),
                Tuple.of(4, anywhere.flatMap(o -> small.map(r -> new SafetensorsMutation.SwapDtype(o, r)))),
                Tuple.of(2, anywhere.flatMap(p -> small.map(c -> new SafetensorsMutation.DeleteInHeader(p, c)))));
        return mutation.list().ofMinSize(1).ofMaxSize(3);
    }

    private static byte[] damage(int seed, List<SafetensorsMutation> mutations) {
        byte[] file = seeds.get(seed);
        for (SafetensorsMutation mutation : mutations) {
            file = mutation.apply(file);
        }
        return file;
    }

    /** An accepted file must describe tensors that lie inside it, back to back, readable end to end. */
    private static void checkConsistent(Safetensors parsed, long fileSize) {
        long next = 0;
        for (SafetensorsTensorInfo info : parsed.tensors()) {
            assertThat(info.begin()).isEqualTo(next);
            Tensor tensor = parsed.tensor(info.name());
            tensor.data().get(ValueLayout.JAVA_BYTE, 0);
            tensor.data().get(ValueLayout.JAVA_BYTE, tensor.byteSize() - 1);
            next = info.end();
        }
        assertThat(parsed.dataOffset() + next).isEqualTo(fileSize);
    }

    private static byte[] seed(SafetensorsWriter writer) {
        try {
            Path path = scratch.resolve("seed.safetensors");
            writer.write(path);
            byte[] bytes = Files.readAllBytes(path);
            Files.delete(path);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
