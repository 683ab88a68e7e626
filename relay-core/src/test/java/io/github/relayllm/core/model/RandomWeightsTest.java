package io.github.relayllm.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.relayllm.kernels.tensor.Shape;
import org.junit.jupiter.api.Test;

class RandomWeightsTest {
    private static final WeightSpec UP = new WeightSpec(WeightName.of(WeightKind.FFN_UP, 0), Shape.of(8, 1024));
    private static final WeightSpec NORM = new WeightSpec(WeightName.of(WeightKind.FFN_NORM, 0), Shape.of(1024));

    private static float[] row(long seed, WeightSpec spec, long index) {
        float[] row = new float[(int) spec.shape().rowLength()];
        new RandomWeights(seed).fillRow(spec, index, row);
        return row;
    }

    @Test
    void sameSeedWeightAndRowGiveTheSameNumbers() {
        assertThat(row(7, UP, 3)).containsExactly(row(7, UP, 3));
        assertThat(row(7, UP, 3)).isNotEqualTo(row(8, UP, 3));
        assertThat(row(7, UP, 3)).isNotEqualTo(row(7, UP, 4));
        WeightSpec otherLayer = new WeightSpec(WeightName.of(WeightKind.FFN_UP, 1), UP.shape());
        assertThat(row(7, UP, 3)).isNotEqualTo(row(7, otherLayer, 3));
    }

    @Test
    void pinsTheGeneratorSoModelsStayReproducible() {
        // Changing these numbers changes every random model: only do it on purpose.
        float[] row = row(42, UP, 0);
        assertThat(new float[] {row[0], row[1], row[1023]})
                .containsExactly(0.0041979905f, -0.0011415572f, -0.022047805f);
    }

    @Test
    void matricesHaveUnitScaleOutputsAndNormsSitAroundOne() {
        double sumSquares = 0;
        for (int r = 0; r < 8; r++) {
            for (float v : row(1, UP, r)) {
                sumSquares += v * v;
            }
        }
        double std = Math.sqrt(sumSquares / (8 * 1024));
        assertThat(std).isBetween(0.9 / Math.sqrt(1024), 1.1 / Math.sqrt(1024));
        for (float v : row(1, NORM, 0)) {
            assertThat(v).isBetween(0.9f, 1.1f);
        }
    }

    @Test
    void rejectsRowsOfTheWrongLengthAndComputedWeights() {
        assertThatThrownBy(() -> new RandomWeights(1).fillRow(UP, 0, new float[3]))
                .hasMessageContaining("row of 3 values");
        WeightSpec rope = new WeightSpec(WeightName.global(WeightKind.ROPE_FREQUENCIES), Shape.of(32));
        assertThatThrownBy(() -> new RandomWeights(1).fillRow(rope, 0, new float[32]))
                .hasMessageContaining("computed");
    }
}
