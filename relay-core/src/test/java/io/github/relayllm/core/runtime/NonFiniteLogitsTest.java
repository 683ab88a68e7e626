package io.github.relayllm.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.relayllm.core.format.gguf.GgufFile;
import io.github.relayllm.core.format.gguf.GgufTensorInfo;
import io.github.relayllm.core.model.synth.RandomModel;
import io.github.relayllm.kernels.tensor.DType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A model whose weights overflow gives a {@link NonFiniteLogitsException} that names where the
 * forward pass first went wrong, on the argmax path and the full-logits path alike.
 */
class NonFiniteLogitsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} poisoned: reported as layer {1}")
    @CsvSource({
        "token_embd.weight, -1",
        "blk.0.ffn_down.weight, 0",
        "blk.2.attn_v.weight, 2",
        "output_norm.weight, 4",
    })
    void namesTheFirstLayerWithANonFiniteOutput(String tensor, int layer) throws IOException {
        Path model = dir.resolve("model.gguf");
        var shape = TinyQwen3.shape(4, 320).build();
        RandomModel.of("nan", shape, Optional.empty(), DType.F32, 11).writeGguf(model);
        poison(model, tensor);

        for (boolean fullLogits : new boolean[] {false, true}) {
            try (LoadedModel loaded = LoadedModel.open(model, "cpu", LoadedModel.limits(16, 1));
                    Session session = loaded.session()) {
                session.evaluate(new int[] {1, 2, 3});
                assertThatThrownBy(() -> {
                            if (fullLogits) {
                                session.readLogits(loaded.newLogits());
                            } else {
                                session.argmax();
                            }
                        })
                        .isInstanceOfSatisfying(
                                NonFiniteLogitsException.class,
                                e -> assertThat(e.layer()).isEqualTo(layer))
                        .hasMessageContaining(
                                layer == -1 ? "token embedding" : layer == 4 ? "output head" : "layer " + layer);
            }
        }
    }

    /** Overwrites every value of the F32 tensor {@code name} with +infinity. */
    private static void poison(Path model, String name) throws IOException {
        long offset;
        long bytes;
        try (GgufFile gguf = GgufFile.open(model)) {
            GgufTensorInfo info = gguf.tensorInfo(name).orElseThrow();
            offset = gguf.dataOffset() + info.offset();
            bytes = info.byteSize();
        }
        ByteBuffer infinities = ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
        while (infinities.hasRemaining()) {
            infinities.putFloat(Float.POSITIVE_INFINITY);
        }
        infinities.flip();
        try (FileChannel channel = FileChannel.open(model, StandardOpenOption.WRITE)) {
            channel.write(infinities, offset);
        }
    }
}
