// RMSNorm with weights of the program's dtype (F32, F16 or BF16: the only dtypes norm weights come in).
#if defined(WEIGHT_F32) || defined(WEIGHT_F16) || defined(WEIGHT_BF16)

float norm_weight(global const uchar* weight, int i) {
#if defined(WEIGHT_F32)
    return ((global const float*) weight)[i];
#elif defined(WEIGHT_F16)
    return vload_half(i, (global const half*) weight);
#else
    return bf16_to_float(((global const ushort*) weight)[i]);
#endif
}

// RMS normalization of each group of group_width elements of a row, scaled by weight: one work-group
// per (group, row), flattened as group index = row * groups + group. out may alias in.
kernel void rmsnorm(global const float* in, global const uchar* weight, global float* out, int width,
                    int group_width, float eps, local float* scratch) {
    const int groups = width / group_width;
    const int g = get_group_id(0);
    const long start = (long) (g / groups) * width + (long) (g % groups) * group_width;
    const int lane = get_local_id(0);
    const int lanes = get_local_size(0);
    float squares = 0.0f;
    for (int i = lane; i < group_width; i += lanes) {
        const float v = in[start + i];
        squares = fma(v, v, squares);
    }
    squares = group_sum(squares, scratch);
    const float scale = 1.0f / sqrt(squares / group_width + eps);
    for (int i = lane; i < group_width; i += lanes) {
        out[start + i] = in[start + i] * norm_weight(weight, i) * scale;
    }
}

#endif
