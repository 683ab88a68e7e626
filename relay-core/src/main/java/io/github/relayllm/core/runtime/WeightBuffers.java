package io.github.relayllm.core.runtime;

import io.github.relayllm.core.model.ModelSource;
import io.github.relayllm.core.model.WeightKind;
import io.github.relayllm.core.model.WeightName;
import io.github.relayllm.core.model.WeightSchema;
import io.github.relayllm.core.model.WeightSpec;
import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A model's weights as buffers of one backend. On the CPU backends these are views of the mapped
 * model file (nothing is copied or dequantized at load); device backends upload them once.
 */
final class WeightBuffers {
    private final Map<WeightName, Buffer> buffers;
    private final Map<Buffer, WeightName> names = new IdentityHashMap<>();

    private WeightBuffers(Map<WeightName, Buffer> buffers) {
        this.buffers = buffers;
        buffers.forEach((name, buffer) -> names.put(buffer, name));
    }

    /**
     * Every weight the model's configuration implies, on {@code backend}. Matrices stay as the file
     * has them; vectors (norms, biases: a few kilobytes) are decoded to F32 once, so that kernels see
     * one element type for them whatever the checkpoint's dtype.
     */
    static WeightBuffers load(ModelSource model, Backend backend) {
        Map<WeightName, Buffer> buffers = new HashMap<>();
        for (WeightSpec spec : WeightSchema.of(model.config())) {
            Tensor tensor = model.weight(spec.name());
            buffers.put(
                    spec.name(),
                    spec.isVector() && tensor.dtype() != DType.F32 ? asF32(tensor, backend) : backend.weights(tensor));
        }
        return new WeightBuffers(buffers);
    }

    private static Buffer asF32(Tensor tensor, Backend backend) {
        Buffer buffer = backend.allocate(DType.F32, tensor.shape());
        backend.write(buffer, 0, MemorySegment.ofArray(tensor.toFloatArray()));
        return buffer;
    }

    Buffer global(WeightKind kind) {
        return require(WeightName.global(kind));
    }

    Buffer layer(WeightKind kind, int layer) {
        return require(WeightName.of(kind, layer));
    }

    Optional<Buffer> optionalLayer(WeightKind kind, int layer) {
        return Optional.ofNullable(buffers.get(WeightName.of(kind, layer)));
    }

    /** The weight {@code buffer} holds; empty for buffers that are not weights. */
    Optional<WeightName> nameOf(Buffer buffer) {
        return Optional.ofNullable(names.get(buffer));
    }

    private Buffer require(WeightName name) {
        Buffer buffer = buffers.get(name);
        if (buffer == null) {
            throw new IllegalStateException("no weight " + name + " was loaded");
        }
        return buffer;
    }
}
