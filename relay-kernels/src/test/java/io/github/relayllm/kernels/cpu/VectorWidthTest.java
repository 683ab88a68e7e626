package io.github.relayllm.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The build runs the CPU tests again with the vector width capped ({@code -XX:MaxVectorSize}); this
 * checks that the cap took effect, so that those runs really test the narrower kernels (a machine
 * whose widest vectors are narrower than the cap runs them at its own width).
 */
class VectorWidthTest {
    @Test
    void kernelsRunAtTheWidthTheBuildAskedFor() {
        String expected = System.getProperty("relay.test.vector.bits");
        assumeTrue(expected != null, "the default run uses the machine's widest vectors");
        assertThat(FloatVector.SPECIES_PREFERRED.vectorBitSize()).isLessThanOrEqualTo(Integer.parseInt(expected));
    }
}
