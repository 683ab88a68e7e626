package io.github.relayllm.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.Backends;
import io.github.relayllm.kernels.opcheck.OpCheckResult;
import io.github.relayllm.kernels.opcheck.OpsCheck;
import io.github.relayllm.kernels.opcheck.Scenarios;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The argmax cuts a row into one piece per thread, so its answer must not depend on the thread count:
 * every argmax scenario (ties, signed zeros and non-finite values placed across pieces) against the
 * reference, exactly, with pool sizes that split rows unevenly.
 */
class ArgmaxPiecesTest {
    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 3, 5})
    void everyThreadCountGivesTheReferenceAnswer(int threads) {
        try (Backend cpu = Backends.create("cpu", new BackendOptions(threads));
                OpsCheck check = new OpsCheck(cpu)) {
            for (OpCheckResult result : check.checkAll(Scenarios.argmax())) {
                assertThat(result.passed()).as("%s", result).isTrue();
                assertThat(result.exact()).as("%s", result).isTrue();
            }
        }
    }
}
