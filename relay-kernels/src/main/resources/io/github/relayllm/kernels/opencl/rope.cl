// Rotary position embedding. The angle position * inverse_frequency is kept as an unevaluated sum
// hi + lo of two floats (lo = the rounding error of the product, exact through fma), because a float
// angle alone is off by up to 2e-3 radians at position 40000; cos and sin of hi + lo then come from
// those of hi by the angle-sum formulas, with lo small enough for a second-order expansion. No double
// needed, so it runs the same on devices without fp64.

// The cosine (x) and sine (y) of position * inverse_frequency.
float2 rope_angle(int position, float inverse_frequency) {
    const float p = (float) position;
    const float hi = p * inverse_frequency;
    const float lo = fma(p, inverse_frequency, -hi);
    const float sin_hi = sin(hi);
    const float cos_hi = cos(hi);
    const float cos_lo = 1.0f - 0.5f * lo * lo;
    return (float2)(cos_hi * cos_lo - sin_hi * lo, sin_hi * cos_lo + cos_hi * lo);
}

// Rotates pair `pair` (0 .. width/2) of a row in place and returns the two rotated values; in the
// adjacent layout a head's pair i is elements (2i, 2i + 1), else (i, i + head_dim / 2).
float2 rope_pair(global float* row, int pair, int position, global const float* inverse_frequencies,
                 int head_dim, int adjacent, int* first_index, int* second_index) {
    const int half_dim = head_dim / 2;
    const int head = pair / half_dim;
    const int i = pair % half_dim;
    const int first = head * head_dim + (adjacent ? 2 * i : i);
    const int second = first + (adjacent ? 1 : half_dim);
    const float2 cs = rope_angle(position, inverse_frequencies[i]);
    const float x0 = row[first];
    const float x1 = row[second];
    const float2 rotated = (float2)(x0 * cs.x - x1 * cs.y, x0 * cs.y + x1 * cs.x);
    row[first] = rotated.x;
    row[second] = rotated.y;
    *first_index = first;
    *second_index = second;
    return rotated;
}

// RoPE of the step's rows of x [rows, width], in place: one work-item per pair (dimension 0) and row
// (dimension 1).
kernel void rope(global float* x, global const int* positions, global const float* inverse_frequencies,
                 int width, int head_dim, int adjacent, int rows) {
    const int pair = get_global_id(0);
    const int r = get_global_id(1);
    if (pair < width / 2 && r < rows) {
        int first;
        int second;
        rope_pair(x + (long) r * width, pair, positions[r], inverse_frequencies, head_dim, adjacent, &first, &second);
    }
}
