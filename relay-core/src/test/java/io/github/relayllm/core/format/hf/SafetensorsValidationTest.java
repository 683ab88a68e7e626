package io.github.relayllm.core.format.hf;

import static io.github.relayllm.core.format.hf.SafetensorsBytes.file;
import static io.github.relayllm.core.format.hf.SafetensorsBytes.offsetOf;
import static io.github.relayllm.core.format.hf.SafetensorsBytes.parse;
import static io.github.relayllm.core.format.hf.SafetensorsBytes.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.relayllm.core.format.ModelFormatException;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SafetensorsValidationTest {

    private static final String W = "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    private static void assertProblem(ModelFormatException e, String field, long offset, String problem) {
        assertThat(e.source()).isEqualTo(SafetensorsBytes.SOURCE);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.offset()).isEqualTo(offset);
        assertThat(e.getMessage()).contains(problem);
    }

    @Nested
    class HeaderLength {
        @Test
        void rejectsFileShorterThanTheLengthField() {
            assertProblem(rejection(new byte[5]), "header.length", 0, "5 bytes, too few");
        }

        @Test
        void rejectsEmptyFile() {
            assertProblem(rejection(new byte[0]), "header.length", 0, "0 bytes");
        }

        @Test
        void rejectsHeaderRunningPastTheEndOfTheFile() {
            byte[] header = "{}".getBytes(StandardCharsets.UTF_8);
            assertProblem(rejection(file(100, header, 0)), "header.length", 0, "runs past the end of the 10-byte file");
        }

        @Test
        void rejectsHeaderOverHuggingFacesLimit() {
            assertProblem(
                    rejection(file(100_000_001, new byte[0], 0)), "header.length", 0, "exceed the 100000000-byte");
        }

        @Test
        void readsTheLengthAsUnsigned() {
            assertProblem(rejection(file(-1, new byte[0], 0)), "header.length", 0, "18446744073709551615 bytes");
        }

        @Test
        void namesGitLfsPointers() {
            byte[] pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 123\n"
                    .getBytes(StandardCharsets.US_ASCII);
            assertThat(rejection(pointer).getMessage()).contains("Git LFS pointer");
        }

        @Test
        void namesGgufFiles() {
            byte[] gguf = {'G', 'G', 'U', 'F', 3, 0, 0, 0, 0, 0, 0, 0};
            assertThat(rejection(gguf).getMessage()).contains("GGUF file");
        }
    }

    @Nested
    class HeaderJson {
        @Test
        void rejectsEmptyHeader() {
            assertProblem(rejection(file("", 0)), "header", 8, "starting with '{'");
        }

        @Test
        void rejectsHeaderThatIsNotAnObject() {
            assertProblem(rejection(file("[1, 2]", 0)), "header", 8, "starting with '{'");
        }

        @Test
        void rejectsInvalidUtf8AtItsOffset() {
            byte[] header = "{\"a\u00e9\":{}}".getBytes(StandardCharsets.UTF_8);
            header[4] = (byte) 0xff; // replaces the second byte of the two-byte é
            assertProblem(rejection(file(header.length, header, 0)), "header", 8 + 3, "not valid UTF-8");
        }

        @Test
        void rejectsOverlongUtf8() {
            byte[] header = "{\"a\":{}}".getBytes(StandardCharsets.UTF_8);
            byte[] overlong = new byte[header.length + 1];
            System.arraycopy(header, 0, overlong, 0, 2);
            overlong[2] = (byte) 0xc1; // 'a' encoded in two bytes, which UTF-8 forbids
            overlong[3] = (byte) 0xa1;
            System.arraycopy(header, 3, overlong, 4, header.length - 3);
            assertProblem(rejection(file(overlong.length, overlong, 0)), "header", 8 + 2, "not valid UTF-8");
        }

        @Test
        void rejectsNulBytesThatWouldMakeJacksonGuessUtf32() {
            // Found by the fuzzer: "{" followed by three NULs looks like UTF-32LE to Jackson.
            byte[] header = {'{', 0, 0, 0, '}', ' ', ' ', ' '};
            assertProblem(rejection(file(header.length, header, 0)), "header", 8 + 1, "NUL byte");
        }

        @Test
        void rejectsMalformedJsonAtJacksonsLocation() {
            String json = "{\"w\": }";
            assertProblem(rejection(file(json, 0)), "header", offsetOf(json, "}"), "not valid JSON");
        }

        @Test
        void rejectsContentAfterTheObject() {
            String json = "{} {}";
            assertProblem(rejection(file(json, 0)), "header", offsetOf(json, " {") + 1, "unexpected content");
        }

        @Test
        void rejectsDuplicateTensorNames() {
            String json = "{" + W + "," + W + "}";
            ModelFormatException e = rejection(file(json, 8));
            assertThat(e.field()).isEqualTo("header");
            assertThat(e.getMessage()).contains("Duplicate field 'w'");
            long secondKey = offsetOf(json, "," + W) + 1;
            assertThat(e.offset()).isBetween(secondKey, secondKey + 4);
        }

        @Test
        void boundsNestingDepthInsteadOfOverflowingTheStack() {
            String json = "{\"__metadata__\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
            // The root object is level 1, so the 64th bracket is one level too deep; Jackson reports
            // the position just past it.
            long pastTooDeepBracket = offsetOf(json, "[") + 64;
            assertProblem(rejection(file(json, 0)), "header", pastTooDeepBracket, "nesting depth");
        }

        @Test
        void boundsNumberLength() {
            String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[" + "9".repeat(5000) + "],\"data_offsets\":[0,4]}}";
            assertThat(rejection(file(json, 4)).getMessage()).contains("not valid JSON", "Number value length");
        }

        @Test
        void rejectsLeadingWhitespaceAsHuggingFaceDoes() {
            assertProblem(rejection(file(" {}", 0)), "header", 8, "starting with '{'");
        }

        @Test
        void acceptsTrailingSpacePadding() {
            assertThat(parse(file("{}      ", 0)).tensors()).isEmpty();
        }
    }

    @Nested
    class Metadata {
        @Test
        void readsStringValues() {
            assertThat(parse(file("{\"__metadata__\":{\"format\":\"pt\"}}", 0)).metadata())
                    .containsExactly(java.util.Map.entry("format", "pt"));
        }

        @Test
        void rejectsNonStringValues() {
            String json = "{\"__metadata__\":{\"format\":\"pt\",\"step\":3}}";
            assertProblem(
                    rejection(file(json, 0)),
                    "header.__metadata__[\"step\"]",
                    offsetOf(json, "3"),
                    "expected a string");
        }

        @Test
        void rejectsMetadataThatIsNotAnObject() {
            String json = "{\"__metadata__\":[\"pt\"]}";
            assertProblem(rejection(file(json, 0)), "header.__metadata__", offsetOf(json, "["), "expected an object");
        }

        @Test
        void acceptsNullMetadata() {
            assertThat(parse(file("{\"__metadata__\":null}", 0)).metadata()).isEmpty();
        }
    }

    @Nested
    class TensorEntries {
        @Test
        void rejectsEntryThatIsNotAnObject() {
            String json = "{\"w\":[1]}";
            assertProblem(rejection(file(json, 0)), "header[\"w\"]", offsetOf(json, "["), "expected an object");
        }

        @Test
        void rejectsMissingDtypeAtTheEntry() {
            String json = "{\"model.norm.weight\":{\"shape\":[2],\"data_offsets\":[0,8]}}";
            assertProblem(
                    rejection(file(json, 8)),
                    "header[\"model.norm.weight\"].dtype",
                    offsetOf(json, "{\"shape"),
                    "missing");
        }

        @Test
        void rejectsMistypedDtype() {
            String json = "{\"w\":{\"dtype\":32,\"shape\":[2],\"data_offsets\":[0,8]}}";
            assertProblem(rejection(file(json, 8)), "header[\"w\"].dtype", offsetOf(json, "32"), "expected a string");
        }

        @Test
        void rejectsUnsupportedDtypes() {
            for (String dtype : new String[] {"U8", "BOOL", "F8_E4M3", "U64", "float32"}) {
                String json = "{\"w\":{\"dtype\":\"" + dtype + "\",\"shape\":[2],\"data_offsets\":[0,2]}}";
                assertProblem(
                        rejection(file(json, 2)),
                        "header[\"w\"].dtype",
                        offsetOf(json, "\"" + dtype),
                        "unsupported dtype '" + dtype + "'");
            }
        }

        @Test
        void mapsEverySupportedDtype() {
            String[] names = {"F64", "F32", "F16", "BF16", "I64", "I32", "I16", "I8"};
            DType[] types = {DType.F64, DType.F32, DType.F16, DType.BF16, DType.I64, DType.I32, DType.I16, DType.I8};
            for (int i = 0; i < names.length; i++) {
                long size = types[i].byteSize(3);
                String json =
                        "{\"w\":{\"dtype\":\"%s\",\"shape\":[3],\"data_offsets\":[0,%d]}}".formatted(names[i], size);
                assertThat(parse(file(json, (int) size))
                                .tensorInfo("w")
                                .orElseThrow()
                                .dtype())
                        .isEqualTo(types[i]);
            }
        }

        @Test
        void rejectsMissingShape() {
            String json = "{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}";
            assertProblem(rejection(file(json, 8)), "header[\"w\"].shape", offsetOf(json, "{\"dtype"), "missing");
        }

        @Test
        void rejectsShapeThatIsNotAnArray() {
            String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":2,\"data_offsets\":[0,8]}}";
            assertProblem(rejection(file(json, 8)), "header[\"w\"].shape", offsetOf(json, "2,"), "expected an array");
        }

        @Test
        void rejectsNegativeDimension() {
            String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,-1],\"data_offsets\":[0,8]}}";
            assertProblem(rejection(file(json, 8)), "header[\"w\"].shape[1]", offsetOf(json, "-1"), "from 0 to");
        }

        @Test
        void rejectsFractionalDimension() {
            String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]}}";
            assertProblem(
                    rejection(file(json, 8)), "header[\"w\"].shape[0]", offsetOf(json, "2.0"), "expected an integer");
        }

        @Test
        void rejectsDimensionBeyondLong() {
            String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[18446744073709551616],\"data_offsets\":[0,8]}}";
            assertProblem(rejection(file(json, 8)), "header[\"w\"].shape[0]", offsetOf(json, "1844"), "from 0 to");
        }

        @Test
        void rejectsZeroSizedDimension() {
            String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,0],\"data_offsets\":[0,0]}}";
            assertProblem(rejection(file(json, 0)), "header[\"w\"].shape[1]", offsetOf(json, "0]"), "zero-sized");
        }

        @Test
        void rejectsElementCountOverflow() {
            String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,8]}}";
            assertProblem(rejection(file(json, 8)), "header[\"w\"].shape", offsetOf(json, "[4294"), "overflows");
        }

        @Test
        void rejectsByteSizeOverflow() {
            String json = "{\"w\":{\"dtype\":\"I64\",\"shape\":[2305843009213693952],\"data_offsets\":[0,8]}}";
            assertProblem(rejection(file(json, 8)), "header[\"w\"].shape", offsetOf(json, "[2305"), "overflows");
        }

        @Test
        void readsScalarAsShapeOfOne() {
            String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}";
            assertThat(parse(file(json, 4)).tensor("w").shape()).isEqualTo(Shape.of(1));
        }

        @Test
        void rejectsMissingOffsets() {
            String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}";
            assertProblem(
                    rejection(file(json, 8)), "header[\"w\"].data_offsets", offsetOf(json, "{\"dtype"), "missing");
        }

        @Test
        void rejectsOffsetsThatAreNotAPair() {
            String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4,8]}}";
            assertProblem(
                    rejection(file(json, 8)), "header[\"w\"].data_offsets", offsetOf(json, "[0,"), "found 3 numbers");
        }

        @Test
        void rejectsNegativeOffset() {
            String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[-8,0]}}";
            assertProblem(rejection(file(json, 8)), "header[\"w\"].data_offsets[0]", offsetOf(json, "-8"), "from 0 to");
        }

        @Test
        void rejectsStringOffset() {
            String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,\"8\"]}}";
            assertProblem(
                    rejection(file(json, 8)),
                    "header[\"w\"].data_offsets[1]",
                    offsetOf(json, "\"8\""),
                    "expected an integer");
        }

        @Test
        void rejectsEndBeforeBegin() {
            String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}";
            assertProblem(
                    rejection(file(json, 8)), "header[\"w\"].data_offsets", offsetOf(json, "[8,"), "before begin");
        }

        @Test
        void rejectsSpanThatDoesNotMatchTheShape() {
            String json = "{\"w\":{\"dtype\":\"BF16\",\"shape\":[2,3],\"data_offsets\":[0,24]}}";
            assertProblem(
                    rejection(file(json, 24)),
                    "header[\"w\"].data_offsets",
                    offsetOf(json, "[0,"),
                    "spans 24 bytes, but a BF16 tensor of shape [2, 3] takes 12");
        }

        @Test
        void rejectsOffsetsPastTheData() {
            String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
            assertProblem(
                    rejection(file(json, 6)), "header[\"w\"].data_offsets", offsetOf(json, "[0,"), "past the 6 bytes");
        }
    }

    @Nested
    class Layout {
        private static String entry(String name, long begin, long end) {
            return "\"%s\":{\"dtype\":\"I8\",\"shape\":[%d],\"data_offsets\":[%d,%d]}"
                    .formatted(name, end - begin, begin, end);
        }

        @Test
        void acceptsTensorsListedOutOfDataOrderAndReportsThemInDataOrder() {
            String json = "{" + entry("b", 4, 10) + "," + entry("a", 0, 4) + "}";
            assertThat(parse(file(json, 10)).tensors())
                    .extracting(SafetensorsTensorInfo::name)
                    .containsExactly("a", "b");
        }

        @Test
        void rejectsOverlappingTensors() {
            String json = "{" + entry("a", 0, 8) + "," + entry("b", 4, 12) + "}";
            assertProblem(
                    rejection(file(json, 12)),
                    "header[\"b\"].data_offsets",
                    offsetOf(json, "[4,"),
                    "overlaps tensor 'a' at data bytes [0, 8)");
        }

        @Test
        void rejectsGapsBetweenTensors() {
            String json = "{" + entry("a", 0, 4) + "," + entry("b", 6, 10) + "}";
            assertProblem(
                    rejection(file(json, 10)), "header[\"b\"].data_offsets", offsetOf(json, "[6,"), "[4, 6) unused");
        }

        @Test
        void rejectsDataBeforeTheFirstTensor() {
            String json = "{" + entry("a", 2, 6) + "}";
            assertProblem(
                    rejection(file(json, 6)), "header[\"a\"].data_offsets", offsetOf(json, "[2,"), "[0, 2) unused");
        }

        @Test
        void rejectsBytesAfterTheLastTensor() {
            String json = "{" + entry("a", 0, 4) + "}";
            long dataStart = 8 + json.length();
            assertProblem(rejection(file(json, 7)), "data", dataStart + 4, "data bytes [4, 7) follow the last tensor");
        }

        @Test
        void acceptsAFileWithoutTensorsOrData() {
            assertThat(parse(file("{}", 0)).tensors()).isEmpty();
        }

        @Test
        void rejectsDataInAFileWithoutTensors() {
            assertProblem(rejection(file("{}", 1)), "data", 10, "data bytes [0, 1) follow the last tensor");
        }
    }
}
