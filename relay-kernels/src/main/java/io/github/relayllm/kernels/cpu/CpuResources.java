package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.host.HostMemory;
import java.lang.foreign.MemorySegment;

/**
 * What kernels are compiled against: the backend's memory (to resolve buffers to segments and to
 * allocate kernel-private F32 copies), its worker pool and the pool's scratch.
 */
record CpuResources(HostMemory memory, WorkerPool pool, WorkerScratch scratch) {
    /** The memory of {@code buffer}, which the plan has checked belongs to this backend. */
    MemorySegment segment(Buffer buffer) {
        return memory.owned(buffer).segment();
    }
}
