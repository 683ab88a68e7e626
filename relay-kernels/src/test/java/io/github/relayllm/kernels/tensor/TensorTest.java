package io.github.relayllm.kernels.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void rowsAreSlicesOfTheData() {
        try (Arena arena = Arena.ofConfined()) {
            Tensor t = Tensor.encode(new float[] {1, 2, 3, 4, 5, 6}, Shape.of(3, 2), DType.F32, arena);
            assertThat(t.rowBytes()).isEqualTo(8);
            float[] row = new float[2];
            t.decodeRow(2, row);
            assertThat(row).containsExactly(5, 6);
            assertThat(t.row(1).byteSize()).isEqualTo(8);
            assertThatThrownBy(() -> t.row(3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("row 3");
            assertThatThrownBy(() -> t.row(-1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theDataMustHoldExactlyTheElements() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seventeenBytes = arena.allocate(17);
            assertThatThrownBy(() -> new Tensor(DType.F32, Shape.of(4), seventeenBytes))
                    .hasMessageContaining("needs 16 bytes");
            assertThatThrownBy(() -> new Tensor(DType.Q8_0, Shape.of(2, 48), arena.allocate(102)))
                    .hasMessageContaining("not a whole number of Q8_0 blocks");
        }
    }

    @Test
    void shapesAreOutermostFirstAndConvertToGgmlOrder() {
        Shape shape = Shape.fromGgml(64, 151936);
        assertThat(shape.dims()).containsExactly(151936, 64);
        assertThat(shape.toGgml()).containsExactly(64, 151936);
        assertThat(shape.rowLength()).isEqualTo(64);
        assertThat(shape.rowCount()).isEqualTo(151936);
        assertThatThrownBy(() -> Shape.of(0, 3)).hasMessageContaining("positive");
        assertThatThrownBy(() -> Shape.of(Long.MAX_VALUE, 2)).isInstanceOf(ArithmeticException.class);
        assertThat(DType.fromGgmlType(8)).contains(DType.Q8_0);
        assertThat(DType.fromGgmlType(16)).isEmpty();
        assertThat(DType.fromName("bf16")).contains(DType.BF16);
        assertThat(DType.Q4_K.byteSize(512)).isEqualTo(288);
        assertThatThrownBy(() -> DType.Q4_K.byteSize(100)).hasMessageContaining("whole number");
    }
}
