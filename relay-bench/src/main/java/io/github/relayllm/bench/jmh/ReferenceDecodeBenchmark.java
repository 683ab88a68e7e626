package io.github.relayllm.bench.jmh;

import io.github.relayllm.kernels.tensor.BlockCodecs;
import io.github.relayllm.kernels.tensor.BlockDecoder;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import io.github.relayllm.kernels.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the scalar reference decoders: one 4096-wide row of each weight dtype decoded to
 * floats. These are the yardstick kernels are checked against, not the kernels themselves; the
 * numbers say how slow "obviously correct" is and bound the cost of dequantizing a tensor on load.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class ReferenceDecodeBenchmark {
    private static final int ROW = 4096;

    @Param({"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q6_K"})
    public String dtype;

    private Arena arena;
    private MemorySegment row;
    private BlockDecoder decoder;
    private final float[] out = new float[ROW];

    @Setup(Level.Trial)
    public void encodeARandomRow() {
        DType type = DType.valueOf(dtype);
        arena = Arena.ofConfined();
        decoder = BlockCodecs.decoder(type);
        if (BlockCodecs.encoder(type).isPresent()) {
            float[] values = new float[ROW];
            SplittableRandom random = new SplittableRandom(1);
            for (int i = 0; i < ROW; i++) {
                values[i] = (float) random.nextGaussian();
            }
            row = Tensor.encode(values, Shape.of(ROW), type, arena).data();
        } else {
            // k-quants have no encoder: random bytes are valid blocks (scales are fp16 bit patterns).
            row = arena.allocate(type.byteSize(ROW));
            SplittableRandom random = new SplittableRandom(1);
            for (long i = 0; i < row.byteSize(); i++) {
                row.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt(256));
            }
        }
    }

    @TearDown(Level.Trial)
    public void free() {
        arena.close();
    }

    /** Decodes one row; JMH reports rows per microsecond. */
    @Benchmark
    public float[] decodeRow() {
        decoder.decode(row, 0, out, 0, ROW);
        return out;
    }
}
