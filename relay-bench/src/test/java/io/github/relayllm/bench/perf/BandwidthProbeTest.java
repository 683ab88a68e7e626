package io.github.relayllm.bench.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BandwidthProbeTest {
    private static final long SMALL = 8L << 20;

    @Test
    void measuresAPositiveFiniteBandwidthWithOneAndTwoThreads() throws InterruptedException {
        try (BandwidthProbe probe = new BandwidthProbe(SMALL)) {
            for (int threads = 1; threads <= 2; threads++) {
                double bandwidth = probe.readGigabytesPerSecond(threads, 2);

                assertThat(bandwidth).as("%d threads", threads).isPositive().isFinite();
            }
        }
    }

    @Test
    void readsWholeStepsOfItsLoop() {
        try (BandwidthProbe probe = new BandwidthProbe(SMALL + 3)) {
            assertThat(probe.bytes()).isEqualTo(SMALL);
        }
    }

    @Test
    void refusesABufferThatFitsInCache() {
        assertThatThrownBy(() -> new BandwidthProbe(4096))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4096 bytes");
    }

    @Test
    void refusesToMeasureAfterClose() {
        BandwidthProbe probe = new BandwidthProbe(SMALL);
        probe.close();

        assertThatThrownBy(() -> probe.readGigabytesPerSecond(1, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesZeroThreads() {
        try (BandwidthProbe probe = new BandwidthProbe(SMALL)) {
            assertThatThrownBy(() -> probe.readGigabytesPerSecond(0, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("threads=0");
        }
    }
}
