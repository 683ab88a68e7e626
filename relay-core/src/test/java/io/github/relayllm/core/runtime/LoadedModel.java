package io.github.relayllm.core.runtime;

import io.github.relayllm.core.kv.KvCachePool;
import io.github.relayllm.core.model.ModelSource;
import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.Backends;
import io.github.relayllm.kernels.tensor.DType;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** A model file opened on a backend with a runner and a KV pool, for tests; closes all three. */
record LoadedModel(ModelSource source, Backend backend, ModelRunner runner, KvCachePool pool) implements AutoCloseable {

    static RunnerLimits limits(int tokensPerStep, int outputsPerStep) {
        return new RunnerLimits(tokensPerStep, outputsPerStep, Math.min(8, tokensPerStep), 64, 16, 64, DType.F32);
    }

    /** Opens the model on the named backend; a test on a backend this machine lacks is skipped, with the reason. */
    static LoadedModel open(Path file, String backendName, RunnerLimits limits) throws IOException {
        Backends.providers().stream()
                .filter(provider -> provider.name().equals(backendName))
                .findFirst()
                .ifPresent(provider -> Assumptions.assumeTrue(
                        provider.isAvailable(),
                        () -> backendName + " backend: "
                                + provider.unavailableReason().orElse("")));
        ModelSource source = ModelSource.open(file);
        Backend backend = Backends.create(backendName, BackendOptions.defaults());
        ModelRunner runner = ModelRunner.create(source, backend, limits);
        return new LoadedModel(source, backend, runner, new KvCachePool(limits.cacheBlocks(), limits.blockSize()));
    }

    Session session() {
        return Session.open(runner, pool);
    }

    float[] newLogits() {
        return new float[runner.config().vocabSize()];
    }

    @Override
    public void close() {
        runner.close();
        backend.close();
        source.close();
    }
}
