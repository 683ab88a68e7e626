package io.github.relayllm.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RelayAccountingTest {

    static RelayAccounting request(long slm, long llm, long calls) {
        return new RelayAccounting(
                1, slm, llm, 10, 20, 1, calls, 5 * calls, llm, new RelayTimings(100, 10, 20, 30, 25, 0, 0));
    }

    @Test
    void theDatasetCallRatioIsTheMicroAverageAsThePaperComputesIt() {
        RelayAccounting dataset = RelayAccounting.empty()
                .plus(request(90, 10, 1))
                .plus(request(900, 0, 0))
                .plus(request(0, 100, 2));
        // (10 + 0 + 100) / (100 + 900 + 100), not the mean of 0.1, 0 and 1.
        assertThat(dataset.callRatio()).isEqualTo(0.1);
        assertThat(dataset.requests()).isEqualTo(3);
        assertThat(dataset.callsPerRequest()).isEqualTo(1.0);
        assertThat(dataset.requestedCallTokens()).isEqualTo(15);
        assertThat(dataset.timings().totalNanos()).isEqualTo(300);
        assertThat(dataset.timings().schedulerNanos()).isEqualTo(3 * 15);
    }

    @Test
    void requestedTokensSaturateInsteadOfOverflowing() {
        RelayAccounting huge = new RelayAccounting(1, 1, 1, 0, 0, 0, 1, Long.MAX_VALUE, 1, RelayTimings.zero());
        assertThat(huge.plus(huge).requestedCallTokens()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void nothingGeneratedHasARatioOfZero() {
        assertThat(RelayAccounting.empty().callRatio()).isZero();
        assertThat(RelayAccounting.empty().callsPerRequest()).isZero();
    }
}
