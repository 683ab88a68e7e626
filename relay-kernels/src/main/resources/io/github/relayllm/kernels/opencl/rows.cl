// Row ops on F32 activations [rows, width]: one work-item per element for the elementwise ones, one
// work-group per row for the reductions.

// out = a + b over count elements (rows * width); out may alias a or b.
kernel void add(global const float* a, global const float* b, global float* out, int count) {
    const int i = get_global_id(0);
    if (i < count) {
        out[i] = a[i] + b[i];
    }
}

// out = silu(gate) * up; out may alias gate or up.
kernel void swiglu(global const float* gate, global const float* up, global float* out, int count) {
    const int i = get_global_id(0);
    if (i < count) {
        const float g = gate[i];
        out[i] = g / (1.0f + exp(-g)) * up[i];
    }
}

// Softmax of each row: one work-group per row, lanes stride over the row. out may alias in.
kernel void softmax(global const float* in, global float* out, int width, local float* scratch) {
    const int row = get_group_id(0);
    const int lane = get_local_id(0);
    const int lanes = get_local_size(0);
    global const float* x = in + (long) row * width;
    global float* y = out + (long) row * width;
    float top = -INFINITY;
    for (int i = lane; i < width; i += lanes) {
        top = fmax(top, x[i]);
    }
    top = group_max(top, scratch);
    float sum = 0.0f;
    for (int i = lane; i < width; i += lanes) {
        sum += exp(x[i] - top);
    }
    sum = group_sum(sum, scratch);
    for (int i = lane; i < width; i += lanes) {
        y[i] = exp(x[i] - top) / sum;
    }
}

// The index of each row's largest value, the first on ties; -1 when the row holds a NaN or +inf.
// One work-group per row; each lane keeps its best (value, index), then a tree keeps the larger
// value or, on equal values, the smaller index.
kernel void argmax(global const float* logits, global int* out, int width,
                   local float* best_values, local int* best_indices) {
    const int row = get_group_id(0);
    const int lane = get_local_id(0);
    const int lanes = get_local_size(0);
    global const float* x = logits + (long) row * width;
    float best = -INFINITY;
    int index = width;           // no index yet: larger than any
    int broken = 0;
    for (int i = lane; i < width; i += lanes) {
        const float v = x[i];
        if (isnan(v) || v == INFINITY) {
            broken = 1;
        } else if (v > best || (v == best && i < index)) {
            best = v;
            index = i;
        }
    }
    best_values[lane] = broken ? NAN : best;
    best_indices[lane] = index;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int stride = lanes / 2; stride > 0; stride /= 2) {
        if (lane < stride) {
            const float a = best_values[lane];
            const float b = best_values[lane + stride];
            const int ia = best_indices[lane];
            const int ib = best_indices[lane + stride];
            if (isnan(a) || isnan(b)) {
                best_values[lane] = NAN;
            } else if (b > a || (b == a && ib < ia)) {
                best_values[lane] = b;
                best_indices[lane] = ib;
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lane == 0) {
        const int found = best_indices[0];
        // A row of only -inf keeps index `width` from every lane: its first element is the answer.
        out[row] = isnan(best_values[0]) ? -1 : (found == width ? 0 : found);
    }
}

// out[r] = in[indices[r]], rows of width elements; one work-item per element.
kernel void gather(global const float* in, global const int* indices, global float* out, int width, int rows) {
    const int c = get_global_id(0);
    const int r = get_global_id(1);
    if (c < width && r < rows) {
        out[(long) r * width + c] = in[(long) indices[r] * width + c];
    }
}

// Zeroes the first `count` 32-bit words of a buffer: how new buffers are cleared (a kernel rather
// than clEnqueueFillBuffer, whose writes oclgrind's uninitialized-value checker does not see).
kernel void zero(global uint* words, long count) {
    const size_t i = get_global_id(0);
    if (i < count) {
        words[i] = 0;
    }
}
