package io.github.relayllm.core.runtime;

import io.github.relayllm.core.model.ModelConfig;
import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.tensor.Shape;

/**
 * The device side of a model's KV cache: per layer, a key and a value buffer of {@code [blocks *
 * blockSize, kvWidth]} slots. Which slots a sequence uses is the host's business (the block tables
 * of {@code core.kv}); the device only reads and writes slots.
 */
final class KvCaches {
    private final Buffer[] keys;
    private final Buffer[] values;

    KvCaches(ModelConfig config, Backend backend, RunnerLimits limits) {
        keys = new Buffer[config.layerCount()];
        values = new Buffer[config.layerCount()];
        Shape shape = Shape.of((long) limits.cacheBlocks() * limits.blockSize(), config.kvDim());
        for (int layer = 0; layer < config.layerCount(); layer++) {
            keys[layer] = backend.allocate(limits.cacheType(), shape);
            values[layer] = backend.allocate(limits.cacheType(), shape);
        }
    }

    /** Bytes the cache of one token takes over all layers, keys and values. */
    static long bytesPerToken(ModelConfig config, RunnerLimits limits) {
        return 2L * config.layerCount() * limits.cacheType().byteSize(config.kvDim());
    }

    Buffer keys(int layer) {
        return keys[layer];
    }

    Buffer values(int layer) {
        return values[layer];
    }
}
