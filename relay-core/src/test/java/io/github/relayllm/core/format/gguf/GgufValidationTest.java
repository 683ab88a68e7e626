package io.github.relayllm.core.format.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.relayllm.core.format.ModelFormatException;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per rule the reader enforces, each on a hand-built file, asserting the field and offset reported. */
class GgufValidationTest {
    private static final String TOKENS = GgufMetadata.field("tokenizer.ggml.tokens");

    private final RawGguf sample = SampleGguf.build();

    @Test
    void acceptsTheSample() {
        GgufFile file = parse(sample.toBytes());

        assertThat(file.version()).isEqualTo(3);
        assertThat(file.metadata().size()).isEqualTo(SampleGguf.KEYS);
        assertThat(file.tensors()).extracting(GgufTensorInfo::name).containsExactly("t0", "t1", "t2");
        assertThat(file.dataOffset()).isEqualTo(sample.offsetOf("data"));
    }

    @Test
    void acceptsVersion2() {
        assertThat(parse(sample.with("header.version", 2)).version()).isEqualTo(2);
    }

    @Test
    void rejectsWrongMagic() {
        byte[] bytes = sample.toBytes();
        bytes[3] = 'L';

        assertRejected(bytes, "header.magic", 0, "47 47 55 4c");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 4, 0xFFFF})
    void rejectsUnsupportedVersions(long version) {
        assertRejected(sample.with("header.version", version), "header.version", 4, "unsupported GGUF version");
    }

    @Test
    void rejectsVersion1() {
        assertRejected(sample.with("header.version", 1), "header.version", 4, "version 1 is not supported");
    }

    @Test
    void rejectsByteSwappedBigEndianFile() {
        assertRejected(sample.with("header.version", 0x0300_0000L), "header.version", 4, "big-endian");
    }

    @Test
    void rejectsTruncatedHeader() {
        assertRejected(Arrays.copyOf(sample.toBytes(), 10), "header.tensor_count", 8, "truncated");
        assertRejected(new byte[0], "header.magic", 0, "truncated");
    }

    @Test
    void rejectsTruncationAnywhereBeforeTheEndOfTheLastTensor() {
        byte[] bytes = sample.toBytes();
        long endOfData = sample.offsetOf("data") + 128 + 8;

        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            if (length < endOfData) {
                assertThat(rejection(truncated))
                        .as("truncated to %d bytes", length)
                        .isNotNull();
            } else {
                assertThat(parse(truncated).tensors())
                        .as("truncated to %d bytes", length)
                        .hasSize(3);
            }
        }
    }

    @Test
    void rejectsTensorCountTheFileCanNotHold() {
        assertRejected(sample.with("header.tensor_count", 1_000_000), "header.tensor_count", 8, "can not fit");
        assertRejected(sample.with("header.tensor_count", -1), "header.tensor_count", 8, "18446744073709551615");
    }

    @Test
    void rejectsKeyCountTheFileCanNotHold() {
        assertRejected(sample.with("header.kv_count", Long.MAX_VALUE), "header.kv_count", 16, "can not fit");
    }

    @Test
    void rejectsArrayCountTheFileCanNotHold() {
        assertRejected(
                sample.with(TOKENS + ".count", 1L << 40),
                TOKENS + ".count",
                sample.offsetOf(TOKENS + ".count"),
                "need at least 8 bytes each");
    }

    @Test
    void rejectsStringRunningPastTheEnd() {
        assertRejected(
                sample.with(TOKENS + "[1]", 100_000),
                TOKENS + "[1]",
                sample.offsetOf(TOKENS + "[1]"),
                "runs past the end");
    }

    @Test
    void rejectsAbsurdStringLength() {
        assertRejected(
                sample.with("metadata[0].key", Long.MAX_VALUE),
                "metadata[0].key",
                sample.offsetOf("metadata[0].key"),
                "exceeds Relay's limit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"61 c3 28", "61 c0 af", "61 ed a0 80", "61 f8 88 80 80 80", "61 ff"})
    void rejectsInvalidUtf8(String hex) {
        byte[] invalid = java.util.HexFormat.ofDelimiter(" ").parseHex(hex);
        RawGguf raw = new RawGguf().header(3, 0, 1);
        raw.key(0, "k", GgufType.ARRAY).arrayHeader(GgufMetadata.field("k"), GgufType.STRING, 2);
        raw.string("ok").mark("bad", RawGguf.Kind.LENGTH, 8).rawString(invalid);

        assertRejected(raw.toBytes(), "metadata[\"k\"][1]", raw.offsetOf("bad") + 8 + 1, "invalid UTF-8");
    }

    @Test
    void rejectsInvalidUtf8InAKey() {
        RawGguf raw = new RawGguf()
                .header(3, 0, 1)
                .rawString(new byte[] {(byte) 0x80})
                .u32(GgufType.UINT8.id());

        assertRejected(raw.u8(0).toBytes(), "metadata[0].key", 24 + 8, "invalid UTF-8");
    }

    @Test
    void rejectsUnknownValueType() {
        String field = GgufMetadata.field("test.bool") + ".type";

        assertRejected(sample.with(field, 13), field, sample.offsetOf(field), "unknown value type 13");
    }

    @Test
    void rejectsUnknownArrayElementType() {
        String field = TOKENS + ".element_type";

        assertRejected(sample.with(field, 0xFFFF_FFFFL), field, sample.offsetOf(field), "unknown value type");
    }

    @Test
    void rejectsArraysNestedTooDeeply() {
        RawGguf raw = nestedArrays(GgufFormat.MAX_ARRAY_DEPTH + 1);
        String field = GgufMetadata.field("deep") + "[0]".repeat(GgufFormat.MAX_ARRAY_DEPTH);

        assertRejected(raw.toBytes(), field, raw.offsetOf("innermost"), "nested deeper than 16");
    }

    @Test
    void acceptsArraysNestedToTheLimit() {
        GgufFile file = parse(nestedArrays(GgufFormat.MAX_ARRAY_DEPTH).toBytes());

        GgufArray deep = (GgufArray) file.metadata().get("deep").orElseThrow();
        assertThat(deep.depth()).isEqualTo(GgufFormat.MAX_ARRAY_DEPTH);
    }

    @Test
    void rejectsDuplicateKeys() {
        RawGguf raw = new RawGguf().header(3, 0, 2);
        raw.key(0, "a", GgufType.UINT8).u8(1);
        raw.key(1, "a", GgufType.UINT8).u8(2);

        assertRejected(raw.toBytes(), "metadata[1].key", raw.offsetOf("metadata[1].key"), "duplicate key \"a\"");
    }

    @Test
    void rejectsBooleanOtherThanZeroOrOne() {
        String field = GgufMetadata.field("test.bool");

        assertRejected(sample.with(field, 2), field, sample.offsetOf(field), "must be 0 or 1");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 48, 0x8000_0001L})
    void rejectsAlignmentThatIsNotAPowerOfTwo(long alignment) {
        String field = GgufMetadata.field("general.alignment");

        assertRejected(sample.with(field, alignment), field, sample.offsetOf(field), "not a power of two");
    }

    @Test
    void rejectsAlignmentOfTheWrongType() {
        String field = GgufMetadata.field("general.alignment");

        assertRejected(
                sample.with(field + ".type", GgufType.INT32.id()), field, sample.offsetOf(field), "must be a UINT32");
    }

    @Test
    void rejectsDuplicateTensorNames() {
        byte[] bytes = sample.toBytes();
        int nameAt = (int) sample.offsetOf("tensor_infos[2].name");
        bytes[nameAt + 8 + 1] = '0';

        assertRejected(bytes, "tensor_infos[2].name", nameAt, "duplicate tensor name \"t0\" (also tensor_infos[0])");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 5, 0xFFFF_FFFFL})
    void rejectsDimensionCountOutsideOneToFour(long nDims) {
        String field = "tensor_infos[0].n_dims";

        assertRejected(sample.with(field, nDims), field, sample.offsetOf(field), "a tensor has 1 to 4");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void rejectsDimensionsThatAreNotPositive(long dim) {
        String field = "tensor_infos[0].ne[1]";

        assertRejected(sample.with(field, dim), field, sample.offsetOf(field), "must be positive");
    }

    @Test
    void rejectsElementCountOverflow() {
        byte[] bytes = sample.toBytes();
        sample.patch(bytes, "tensor_infos[0].ne[0]", 1L << 32);
        sample.patch(bytes, "tensor_infos[0].ne[1]", 1L << 31);

        assertRejected(bytes, "tensor_infos[0].ne[1]", sample.offsetOf("tensor_infos[0].ne[1]"), "overflows");
    }

    @Test
    void rejectsByteSizeOverflow() {
        byte[] bytes = sample.toBytes();
        sample.patch(bytes, "tensor_infos[0].ne[0]", 1L << 31);
        sample.patch(bytes, "tensor_infos[0].ne[1]", 1L << 31);

        assertRejected(bytes, "tensor_infos[0].type", sample.offsetOf("tensor_infos[0].type"), "2^63 bytes");
    }

    @Test
    void rejectsUnknownGgmlType() {
        String field = "tensor_infos[0].type";

        assertRejected(sample.with(field, 99), field, sample.offsetOf(field), "unknown GGML type 99");
    }

    @Test
    void rejectsKnownGgmlTypeRelayDoesNotSupportByName() {
        String field = "tensor_infos[0].type";

        assertRejected(
                sample.with(field, 16), field, sample.offsetOf(field), "GGML type 16 (IQ2_XXS) is not supported");
    }

    @Test
    void rejectsRowsThatAreNotAWholeNumberOfBlocks() {
        String field = "tensor_infos[1].ne[0]";

        assertRejected(sample.with(field, 33), field, sample.offsetOf(field), "not a whole number of Q8_0 blocks");
    }

    @Test
    void rejectsUnalignedTensorOffset() {
        String field = "tensor_infos[1].offset";

        assertRejected(sample.with(field, 36), field, sample.offsetOf(field), "not a multiple of the alignment 32");
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 1L << 62, -32})
    void rejectsTensorDataPastTheEndOfTheFile(long offset) {
        String field = "tensor_infos[2].offset";

        assertRejected(sample.with(field, offset), field, sample.offsetOf(field), "past");
    }

    @Test
    void rejectsOverlappingTensorData() {
        String field = "tensor_infos[1].offset";

        assertRejected(
                sample.with(field, 0),
                field,
                sample.offsetOf(field),
                "overlaps the data [0, 24) of tensor_infos[0] \"t0\"");
    }

    @Test
    void rejectsMoreArrayElementsThanTheMetadataLimit() {
        long count = GgufFormat.MAX_METADATA_ELEMENTS + 1;
        RawGguf raw = new RawGguf().header(3, 0, 1);
        raw.key(0, "big", GgufType.ARRAY).arrayHeader(GgufMetadata.field("big"), GgufType.UINT8, count);
        raw.zeros((int) count);

        String field = GgufMetadata.field("big") + ".count";
        assertRejected(raw.toBytes(), field, raw.offsetOf(field), "Relay's limit");
    }

    @Test
    void acceptsVocabularyOnlyFileWithoutTrailingPadding() {
        RawGguf raw = new RawGguf().header(3, 0, 1);
        raw.key(0, "tokenizer.ggml.model", GgufType.STRING).string("gpt2");

        GgufFile file = parse(raw.toBytes());

        assertThat(file.tensors()).isEmpty();
        assertThat(file.metadata().requireString("tokenizer.ggml.model")).isEqualTo("gpt2");
        assertThat(file.dataOffset()).isEqualTo(GgufFormat.alignUp(raw.position(), 32));
    }

    @Test
    void reportsAMissingTensorByName() {
        ModelFormatException error = catchThrowableOfType(
                ModelFormatException.class, () -> parse(sample.toBytes()).tensor("nope"));

        assertThat(error.field()).isEqualTo("tensor \"nope\"");
        assertThat(error.source()).isEqualTo("bad.gguf");
    }

    /** A key "deep" holding arrays nested {@code depth} levels, the innermost an empty INT32 array. */
    private static RawGguf nestedArrays(int depth) {
        RawGguf raw = new RawGguf().header(3, 0, 1);
        raw.key(0, "deep", GgufType.ARRAY);
        for (int level = 1; level < depth; level++) {
            raw.u32(GgufType.ARRAY.id()).u64(1);
        }
        return raw.mark("innermost", RawGguf.Kind.TYPE, 4)
                .u32(GgufType.INT32.id())
                .u64(0);
    }

    private static GgufFile parse(byte[] bytes) {
        return GgufFile.parse(MemorySegment.ofArray(bytes), "bad.gguf");
    }

    private static ModelFormatException rejection(byte[] bytes) {
        return catchThrowableOfType(ModelFormatException.class, () -> parse(bytes));
    }

    private static void assertRejected(byte[] bytes, String field, long offset, String problem) {
        ModelFormatException error = rejection(bytes);

        assertThat(error).as("expected a ModelFormatException at %s", field).isNotNull();
        assertThat(error.source()).isEqualTo("bad.gguf");
        assertThat(error.field()).as(error.getMessage()).isEqualTo(field);
        assertThat(error.offset()).as(error.getMessage()).isEqualTo(offset);
        assertThat(error.getMessage()).contains(problem);
    }
}
