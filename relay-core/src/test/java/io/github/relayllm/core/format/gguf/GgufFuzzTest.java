package io.github.relayllm.core.format.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.relayllm.core.format.ModelFormatException;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import io.github.relayllm.kernels.tensor.Tensor;
import io.github.relayllm.kernels.testkit.SharedOracle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Mutates valid GGUF files (bit flips, byte and word overwrites, truncations, and targeted edits of
 * counts, lengths, offsets, dimensions and types) and checks that the reader either accepts the
 * result or rejects it with a {@link ModelFormatException}, never anything else. jqwik reports the
 * seed file and the mutations of a failing try.
 */
class GgufFuzzTest {
    private static final List<Seed> CORPUS = corpus();

    /** A valid file to mutate, with the fields whose offsets are known (for targeted edits). */
    record Seed(String name, byte[] bytes, List<RawGguf.Field> fields) {
        @Override
        public String toString() {
            return "%s (%d bytes)".formatted(name, bytes.length);
        }
    }

    /** One change to a file's bytes; positions wrap around the file's length. */
    sealed interface Mutation {
        void apply(byte[] bytes, Seed seed);
    }

    record FlipBit(int position, int bit) implements Mutation {
        @Override
        public void apply(byte[] bytes, Seed seed) {
            bytes[position % bytes.length] ^= (byte) (1 << bit);
        }
    }

    record SetByte(int position, byte value) implements Mutation {
        @Override
        public void apply(byte[] bytes, Seed seed) {
            bytes[position % bytes.length] = value;
        }
    }

    /** Overwrites 4 or 8 bytes anywhere, for files whose structure the fuzzer does not know. */
    record SetWord(int position, int width, long value) implements Mutation {
        @Override
        public void apply(byte[] bytes, Seed seed) {
            RawGguf.writeLittleEndian(bytes, position % bytes.length, width, value);
        }
    }

    /** Sets a known field (a count, length, offset, n_dims, ne or type) to a chosen value. */
    record SetField(int field, long value) implements Mutation {
        @Override
        public void apply(byte[] bytes, Seed seed) {
            if (!seed.fields().isEmpty()) {
                RawGguf.Field target = seed.fields().get(field % seed.fields().size());
                RawGguf.writeLittleEndian(bytes, target.offset(), target.width(), value);
            }
        }
    }

    /** Adds {@code delta} to a known field, off-by-one style. */
    record ShiftField(int field, long delta) implements Mutation {
        @Override
        public void apply(byte[] bytes, Seed seed) {
            if (!seed.fields().isEmpty()) {
                RawGguf.Field target = seed.fields().get(field % seed.fields().size());
                long value = 0;
                for (int i = target.width() - 1; i >= 0; i--) {
                    value = (value << 8) | (bytes[target.offset() + i] & 0xFF);
                }
                RawGguf.writeLittleEndian(bytes, target.offset(), target.width(), value + delta);
            }
        }
    }

    /** Marker: the file is cut to this fraction (per mille) of its length after the other mutations. */
    record Truncate(int perMille) implements Mutation {
        @Override
        public void apply(byte[] bytes, Seed seed) {}

        int length(int full) {
            return (int) ((long) full * perMille / 1000);
        }
    }

    @Property(tries = 10_000)
    void mutatedFilesParseOrFailWithAFormatError(
            @ForAll("seeds") Seed seed, @ForAll("mutations") List<Mutation> mutations) {
        byte[] bytes = mutate(seed, mutations);

        String outcome = parsesOrRejects(
                bytes, () -> GgufFile.parse(MemorySegment.ofArray(bytes), "fuzz.gguf"), seed, mutations);

        // Both outcomes must be common, or the mutations are too timid (or too destructive) to test anything.
        Statistics.label("outcome").collect(outcome);
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("parsed").percentage(percent -> percent > 1);
            coverage.check("rejected").percentage(percent -> percent > 50);
        });
    }

    @Property(tries = 200)
    void mutatedFilesOpenOrFailWithAFormatError(
            @ForAll("seeds") Seed seed, @ForAll("mutations") List<Mutation> mutations) throws IOException {
        byte[] bytes = mutate(seed, mutations);
        Path path = Files.createTempFile("relay-gguf-fuzz", ".gguf");
        try {
            Files.write(path, bytes);
            parsesOrRejects(
                    bytes,
                    () -> {
                        try {
                            return GgufFile.open(path);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    },
                    seed,
                    mutations);
        } finally {
            Files.delete(path);
        }
    }

    @Provide
    Arbitrary<Seed> seeds() {
        return Arbitraries.of(CORPUS);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<Long> interesting = Arbitraries.oneOf(
                Arbitraries.of(
                        0L,
                        1L,
                        2L,
                        3L,
                        4L,
                        5L,
                        8L,
                        12L,
                        13L,
                        16L,
                        31L,
                        32L,
                        33L,
                        64L,
                        255L,
                        256L,
                        0xFFFFL,
                        0x7FFF_FFFFL,
                        0x8000_0000L,
                        0xFFFF_FFFFL,
                        1L << 32,
                        1L << 62,
                        Long.MAX_VALUE,
                        Long.MIN_VALUE,
                        -1L),
                Arbitraries.longs());
        Arbitrary<Mutation> mutation = Arbitraries.oneOf(
                Combinators.combine(position, Arbitraries.integers().between(0, 7))
                        .as(FlipBit::new),
                Combinators.combine(position, Arbitraries.bytes()).as(SetByte::new),
                Combinators.combine(position, Arbitraries.of(4, 8), interesting).as(SetWord::new),
                Combinators.combine(position, interesting).as(SetField::new),
                Combinators.combine(position, Arbitraries.of(-64L, -32L, -1L, 1L, 32L, 64L, 1L << 32))
                        .as(ShiftField::new),
                Arbitraries.integers().between(0, 999).map(Truncate::new));
        return mutation.list().ofMinSize(1).ofMaxSize(4);
    }

    private static byte[] mutate(Seed seed, List<Mutation> mutations) {
        byte[] bytes = seed.bytes().clone();
        int length = bytes.length;
        for (Mutation mutation : mutations) {
            mutation.apply(bytes, seed);
            if (mutation instanceof Truncate truncate) {
                length = Math.min(length, truncate.length(bytes.length));
            }
        }
        return Arrays.copyOf(bytes, length);
    }

    /** "parsed" or "rejected"; anything but a ModelFormatException fails with the seed and mutations. */
    private static String parsesOrRejects(byte[] bytes, Supplier<GgufFile> parse, Seed seed, List<Mutation> mutations) {
        try (GgufFile file = parse.get()) {
            touchEverything(file);
            return "parsed";
        } catch (ModelFormatException expected) {
            assertThat(expected.field()).isNotBlank();
            assertThat(expected.offset()).isBetween(ModelFormatException.UNKNOWN_OFFSET, (long) bytes.length);
            return "rejected";
        } catch (Throwable unexpected) {
            throw new AssertionError("%s mutated by %s threw %s".formatted(seed, mutations, unexpected), unexpected);
        }
    }

    /** Reads what a parsed file hands out, so that a bad slice or value would show here. */
    private static void touchEverything(GgufFile file) {
        file.metadata().asMap().values().forEach(GgufValue::toString);
        for (GgufTensorInfo info : file.tensors()) {
            Tensor tensor = file.tensor(info);
            tensor.data().get(ValueLayout.JAVA_BYTE, 0);
            tensor.data().get(ValueLayout.JAVA_BYTE, tensor.byteSize() - 1);
        }
    }

    private static List<Seed> corpus() {
        List<Seed> corpus = new ArrayList<>();
        RawGguf sample = SampleGguf.build();
        corpus.add(new Seed("hand-built sample", sample.toBytes(), sample.fields()));
        corpus.add(new Seed("written by GgufWriter", written(), List.of()));
        Path vocab = SharedOracle.dir().resolve("oracle/vocab/ggml-vocab-qwen3.gguf");
        if (Files.isRegularFile(vocab)) {
            corpus.add(new Seed("slice of ggml-vocab-qwen3.gguf", sliceOf(vocab, 400), List.of()));
        }
        return List.copyOf(corpus);
    }

    /** A file of every value kind and a few tensors, as the writer lays it out. */
    private static byte[] written() {
        GgufWriter writer = new GgufWriter()
                .alignment(64)
                .put("int16", new GgufValue.IntegerValue(GgufType.INT16, -7))
                .putUInt64("uint64", -1)
                .put("float64", GgufValue.float64(0.5))
                .putBool("bool", true)
                .putStringArray("strings", List.of("", "Ġa", "日本", "🦙"))
                .put("bools", new GgufArray.OfBools(new boolean[] {true, false}))
                .put("nested", new GgufArray.OfArrays(List.of(GgufArray.int32(1), GgufArray.float32(2f))))
                .addTensor("q8", new Tensor(DType.Q8_0, Shape.of(2, 32), MemorySegment.ofArray(new byte[68])))
                .addTensor("f16", new Tensor(DType.F16, Shape.of(3), MemorySegment.ofArray(new byte[6])));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writer.write(Channels.newChannel(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The vocabulary file's metadata with every array cut to its first {@code size} elements. */
    private static byte[] sliceOf(Path path, int size) {
        try (GgufFile file = GgufFile.open(path)) {
            GgufWriter writer = new GgufWriter();
            file.metadata()
                    .asMap()
                    .forEach((key, value) -> writer.put(
                            key,
                            switch (value) {
                                case GgufArray.OfStrings strings ->
                                    GgufArray.strings(strings.values().subList(0, size));
                                case GgufArray.OfIntegers integers ->
                                    new GgufArray.OfIntegers(
                                            integers.elementType(), Arrays.copyOf(integers.values(), size));
                                case GgufArray.OfFloats floats ->
                                    new GgufArray.OfFloats(floats.elementType(), Arrays.copyOf(floats.values(), size));
                                default -> value;
                            }));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            writer.write(Channels.newChannel(bytes));
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
