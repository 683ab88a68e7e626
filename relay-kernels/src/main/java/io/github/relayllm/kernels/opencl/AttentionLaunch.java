package io.github.relayllm.kernels.opencl;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import java.util.List;

final class AttentionLaunch implements ClLaunch {
    AttentionLaunch(Op.Attention op, Step largestStep, ClKernels kernels) {
        throw new UnsupportedOperationException("Attention is not written yet");
    }

    @Override
    public void enqueue(Step step) {}

    @Override
    public List<ClKernel> kernels() {
        return List.of();
    }
}
