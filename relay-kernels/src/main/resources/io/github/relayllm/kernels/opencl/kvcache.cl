// The paged KV cache, F32 or F16 rows of kv_width elements per slot (CACHE_F32 / CACHE_F16 picks).

#if defined(CACHE_F16)
typedef half cache_t;
float cache_load(global const half* cache, long i) { return vload_half(i, cache); }
void cache_store(global half* cache, long i, float value) { vstore_half_rte(value, i, cache); }
#else
typedef float cache_t;
float cache_load(global const float* cache, long i) { return cache[i]; }
void cache_store(global float* cache, long i, float value) { cache[i] = value; }
#endif

// Writes each step row of k and v into its slot: one work-item per element (dimension 0) and row.
kernel void store_kv(global const float* k, global const float* v, global cache_t* k_cache,
                     global cache_t* v_cache, global const int* slots, int width, int rows) {
    const int c = get_global_id(0);
    const int r = get_global_id(1);
    if (c < width && r < rows) {
        const long source = (long) r * width + c;
        const long target = (long) slots[r] * width + c;
        cache_store(k_cache, target, k[source]);
        cache_store(v_cache, target, v[source]);
    }
}

// RoPE of the keys fused with their store: rotates each pair of a key row in place (as `rope`) and
// writes the rotated pair, and the value pair at the same places, into the row's slot. One work-item
// per pair and row.
kernel void rope_store_kv(global float* k, global const float* v, global const int* positions,
                          global const float* inverse_frequencies, global cache_t* k_cache,
                          global cache_t* v_cache, global const int* slots, int width, int head_dim,
                          int adjacent, int rows) {
    const int pair = get_global_id(0);
    const int r = get_global_id(1);
    if (pair < width / 2 && r < rows) {
        int first;
        int second;
        const float2 rotated = rope_pair(k + (long) r * width, pair, positions[r], inverse_frequencies,
                                         head_dim, adjacent, &first, &second);
        const long row = (long) r * width;
        const long slot = (long) slots[r] * width;
        cache_store(k_cache, slot + first, rotated.x);
        cache_store(k_cache, slot + second, rotated.y);
        cache_store(v_cache, slot + first, v[row + first]);
        cache_store(v_cache, slot + second, v[row + second]);
    }
}
