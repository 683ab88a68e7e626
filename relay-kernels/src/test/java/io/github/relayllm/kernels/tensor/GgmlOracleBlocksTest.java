package io.github.relayllm.kernels.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.relayllm.kernels.testkit.SharedOracle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Blocks that llama.cpp's llama-quantize wrote, and the floats its reference dequantization gives for
 * them ({@code ../shared/oracle/quant/blocks.json}): our decoders must give the very same bits.
 */
class GgmlOracleBlocksTest {
    private static final String ORACLE = "oracle/quant/blocks.json";

    /** One type's sample: the raw bytes of some rows and what llama.cpp decodes them to. */
    private record Sample(DType dtype, byte[] raw, float[] dequantized) {}

    @ParameterizedTest
    @EnumSource(names = {"Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q8_0", "Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K"})
    void decodesLlamaCppBlocksToTheSameBits(DType dtype) {
        Sample sample = sample(dtype);

        float[] decoded = Blocks.decode(dtype, sample.raw());

        assertThat(decoded).hasSameSizeAs(sample.dequantized());
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < decoded.length; i++) {
            if (Float.floatToRawIntBits(decoded[i]) != Float.floatToRawIntBits(sample.dequantized()[i])) {
                mismatches.add("element %d: %s, llama.cpp %s".formatted(i, decoded[i], sample.dequantized()[i]));
            }
        }
        assertThat(mismatches.size())
                .as(
                        "%s: elements that differ from llama.cpp, the first: %s",
                        dtype, mismatches.stream().limit(8).toList())
                .isZero();
    }

    @ParameterizedTest
    @EnumSource(names = {"Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q8_0"})
    void reencodesLlamaCppBlocksToTheSameBytes(DType dtype) {
        // llama-quantize without an importance matrix uses the reference quantizers, whose output is
        // a fixed point of decode-then-encode: the extreme values land exactly on their quants.
        Sample sample = sample(dtype);

        byte[] reencoded = Blocks.encode(dtype, Blocks.decode(dtype, sample.raw()));

        assertThat(reencoded).isEqualTo(sample.raw());
    }

    @Test
    void oracleCoversEveryQuantizedTypeButQ8K() {
        JsonNode types = oracle().get("types");

        List<String> names = new ArrayList<>();
        types.fieldNames().forEachRemaining(names::add);

        assertThat(names)
                .containsExactlyInAnyOrder(
                        "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q8_0", "Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K");
    }

    private static Sample sample(DType dtype) {
        JsonNode type = oracle().get("types").get(dtype.name());
        assertThat(type).as("oracle entry for %s", dtype).isNotNull();
        assertThat(type.get("block_elements").asInt()).isEqualTo(dtype.blockSize());
        assertThat(type.get("block_bytes").asInt()).isEqualTo(dtype.blockBytes());
        byte[] raw = Base64.getDecoder().decode(type.get("raw_base64").asText());
        JsonNode values = type.get("dequantized");
        float[] dequantized = new float[values.size()];
        for (int i = 0; i < dequantized.length; i++) {
            // The JSON holds each float32 as the double of equal value, so the narrowing is exact.
            dequantized[i] = (float) values.get(i).asDouble();
        }
        return new Sample(dtype, raw, dequantized);
    }

    private static JsonNode oracle() {
        Path path = SharedOracle.require(ORACLE);
        try {
            return new ObjectMapper().readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
