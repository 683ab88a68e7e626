package io.github.relayllm.kernels.cpu.matmul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

class KernelSpeciesTest {
    private static final int CPU_BITS = FloatVector.SPECIES_PREFERRED.vectorBitSize();

    /** The build runs the kernel tests once per width (see relay-kernels/pom.xml); this is the proof. */
    @Test
    void computesAtTheRequestedWidthUpToTheCpus() {
        String requested = System.getProperty(KernelSpecies.BITS_PROPERTY);
        int expected = Math.min(requested == null ? 512 : Integer.parseInt(requested), CPU_BITS);

        assertThat(KernelSpecies.FLOATS.vectorBitSize()).isEqualTo(expected);
    }

    @Test
    void loadsOneQuantBytePerFloatLaneAndAtLeastEight() {
        assertThat(KernelSpecies.SHORTS.length()).isEqualTo(KernelSpecies.LANES);
        assertThat(KernelSpecies.INTS.length()).isEqualTo(KernelSpecies.LANES);
        assertThat(KernelSpecies.BYTES.length()).isEqualTo(Math.max(8, KernelSpecies.LANES));
        assertThat(KernelSpecies.FLOAT_VECTORS_PER_BYTES * KernelSpecies.LANES).isEqualTo(KernelSpecies.BYTES.length());
    }

    @Test
    void narrowsARequestWiderThanTheCpu() {
        VectorSpecies<Float> species = KernelSpecies.floatSpecies("512");

        assertThat(species.vectorBitSize()).isEqualTo(Math.min(512, CPU_BITS));
    }

    @Test
    void rejectsWidthsThatAreNoVectorShape() {
        assertThatThrownBy(() -> KernelSpecies.floatSpecies("384"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("relay.cpu.vectorBits=384");
    }

    @Test
    void sumsLanesInTheDocumentedOrder() {
        // Magnitudes from 1e-6 to 1e6 make every order of addition round differently.
        SplittableRandom random = new SplittableRandom(5);
        float[] lanes = new float[KernelSpecies.LANES];
        for (int trial = 0; trial < 1000; trial++) {
            for (int i = 0; i < lanes.length; i++) {
                lanes[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-6, 7)));
            }
            FloatVector v = FloatVector.fromArray(KernelSpecies.FLOATS, lanes, 0);

            assertThat(KernelSpecies.sum(v)).isEqualTo(expectedSum(lanes));
        }
    }

    /** The documented order, written out with scalars. */
    private static float expectedSum(float[] lanes) {
        float[] partial = lanes.clone();
        for (int distance = lanes.length / 2; distance >= 1; distance /= 2) {
            float[] next = new float[lanes.length];
            for (int i = 0; i < lanes.length; i++) {
                next[i] = partial[i] + partial[i ^ distance];
            }
            partial = next;
        }
        return partial[0];
    }
}
