// Attention over the paged KV cache (cache_t, cache_load from kvcache.cl). Row r of q [rows, heads *
// head_dim] belongs to sequence row_sequence[r] at position row_position[r] and attends to positions
// 0..row_position[r] of that sequence; position p sits in slot
// block_tables[s * table_width + p / block_size] * block_size + p % block_size. Query head h reads
// kv head h / (heads / kv_heads). The host has checked every sequence, position and block entry.
//
// attention_partial: one work-group per (query head, split, row) (group ids 0, 1, 2) covers the
// positions [split * split_length, min((split + 1) * split_length, pos + 1)) in tiles of one
// position per lane, with the online softmax: per tile, each lane scores its position (q, scaled,
// staged in local memory, dotted with the key row), the group takes the maximum, the running sum
// and output are rescaled by exp(old max - new max), and the lanes, now over head_dim, add the
// tile's weights times the value rows. A row whose positions fit in one split writes its output
// directly; otherwise each split leaves (max, sum, unnormalised output) in `partials` for
// attention_combine. With split_length at least the block table's capacity it is the one-pass
// kernel for prefill: one work-group per (head, row), no partials.
//
// Query heads are group id 0, so the heads that share a kv head are neighbouring work-groups and
// read the same key and value rows at about the same time (served by the cache after the first).
//
// Neither kernel returns before its last barrier, even where a whole work-group has nothing to do:
// PoCL's work-group loops corrupt memory on such an early return.

#if defined(CACHE_F16)
float4 cache_load4(global const half* cache, long index4) { return vload_half4(index4, cache); }
#else
float4 cache_load4(global const float* cache, long index4) { return vload4(index4, cache); }
#endif

// The dot product of q (head_dim floats in local memory) with head_dim cache elements from `at`.
float dot_cache(local const float* q, global const cache_t* cache, long at, int head_dim) {
    if ((head_dim & 3) == 0) {
        // at is then a multiple of 4 too (a slot's row and a head's start are multiples of head_dim).
        const long at4 = at / 4;
        float4 sums = (float4)(0.0f);
        for (int d4 = 0; d4 < head_dim / 4; d4++) {
            sums = fma(vload4(d4, q), cache_load4(cache, at4 + d4), sums);
        }
        return (sums.x + sums.y) + (sums.z + sums.w);
    }
    float sum = 0.0f;
    for (int d = 0; d < head_dim; d++) {
        sum = fma(q[d], cache_load(cache, at + d), sum);
    }
    return sum;
}

// Local memory: q_local and acc hold head_dim floats, weights, slots and reduce one entry per lane.
// partials: [rows][heads][max_splits][2 + head_dim], each (max, sum, output before division).
kernel void attention_partial(global const float* q, global const cache_t* k_cache,
                              global const cache_t* v_cache, global const int* block_tables,
                              global const int* row_sequence, global const int* row_position,
                              global float* out, global float* partials, int heads, int kv_heads,
                              int head_dim, int block_size, int table_width, int split_length,
                              int max_splits, float scale, local float* q_local, local float* acc,
                              local float* weights, local int* slots, local float* reduce) {
    const int h = get_group_id(0);
    const int split = get_group_id(1);
    const int r = get_group_id(2);
    const int lane = get_local_id(0);
    const int lanes = get_local_size(0);
    const int position = row_position[r];
    const int start = split * split_length;
    // A split beyond the row's position has no tile and writes nothing.
    const int active = start <= position;
    const int end = active ? min(position + 1 - start, split_length) + start : start;
    const int single = position < split_length;
    const int kv_width = kv_heads * head_dim;
    const long kv_offset = (long) (h / (heads / kv_heads)) * head_dim;
    global const int* table = block_tables + (long) row_sequence[r] * table_width;
    global const float* q_row = q + ((long) r * heads + h) * head_dim;

    for (int d = lane; d < head_dim; d += lanes) {
        q_local[d] = active ? q_row[d] * scale : 0.0f;
        acc[d] = 0.0f;
    }
    barrier(CLK_LOCAL_MEM_FENCE);

    float top = -INFINITY; // running maximum, the same in every lane
    float sum = 0.0f;      // this lane's part of the running sum of exp(s - top)
    for (int tile = start; tile < end; tile += lanes) {
        const int p = tile + lane;
        float score = -INFINITY;
        int slot = 0;
        if (p < end) {
            slot = table[p / block_size] * block_size + p % block_size;
            score = dot_cache(q_local, k_cache, (long) slot * kv_width + kv_offset, head_dim);
        }
        const float new_top = fmax(top, group_max(score, reduce));
        const float rescale = exp(top - new_top); // 0 on the first tile
        const float weight = p < end ? exp(score - new_top) : 0.0f;
        sum = sum * rescale + weight;
        top = new_top;
        weights[lane] = weight;
        slots[lane] = slot;
        barrier(CLK_LOCAL_MEM_FENCE);

        const int count = min(lanes, end - tile);
        for (int d = lane; d < head_dim; d += lanes) {
            float weighted = 0.0f;
            for (int j = 0; j < count; j++) {
                weighted = fma(weights[j], cache_load(v_cache, (long) slots[j] * kv_width + kv_offset + d), weighted);
            }
            acc[d] = acc[d] * rescale + weighted;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    sum = group_sum(sum, reduce);

    // Each lane writes the acc entries it computed: no barrier needed.
    if (!active) {
        return;
    }
    if (single) {
        global float* out_row = out + ((long) r * heads + h) * head_dim;
        const float inverse = 1.0f / sum;
        for (int d = lane; d < head_dim; d += lanes) {
            out_row[d] = acc[d] * inverse;
        }
    } else {
        global float* part = partials + (((long) r * heads + h) * max_splits + split) * (head_dim + 2);
        if (lane == 0) {
            part[0] = top;
            part[1] = sum;
        }
        for (int d = lane; d < head_dim; d += lanes) {
            part[2 + d] = acc[d];
        }
    }
}

// Combines the splits of each (query head, row) (group ids 0, 1) whose position needs more than
// one: with M the largest split maximum, split i weighs exp(m_i - M) / sum_j l_j exp(m_j - M). The
// lanes go over the splits for M and the sum (and overwrite each split's maximum with its weight),
// then over head_dim for the output.
kernel void attention_combine(global const int* row_position, global float* partials, global float* out,
                              int heads, int head_dim, int split_length, int max_splits,
                              local float* reduce) {
    const int h = get_group_id(0);
    const int r = get_group_id(1);
    const int lane = get_local_id(0);
    const int lanes = get_local_size(0);
    // A row of one split has its output from attention_partial; its group then only passes the
    // barriers.
    const int splits = row_position[r] / split_length + 1;
    const int stride = head_dim + 2;
    global float* part = partials + ((long) r * heads + h) * max_splits * stride;

    const int count = splits > 1 ? splits : 0;
    float top = -INFINITY;
    for (int i = lane; i < count; i += lanes) {
        top = fmax(top, part[(long) i * stride]);
    }
    top = group_max(top, reduce);
    float total = 0.0f;
    for (int i = lane; i < count; i += lanes) {
        total += part[(long) i * stride + 1] * exp(part[(long) i * stride] - top);
    }
    total = group_sum(total, reduce);
    const float inverse = 1.0f / total;
    for (int i = lane; i < count; i += lanes) {
        part[(long) i * stride] = exp(part[(long) i * stride] - top) * inverse;
    }
    barrier(CLK_GLOBAL_MEM_FENCE);
    if (count == 0) {
        return;
    }

    global float* out_row = out + ((long) r * heads + h) * head_dim;
    for (int d = lane; d < head_dim; d += lanes) {
        float value = 0.0f;
        for (int i = 0; i < splits; i++) {
            value = fma(part[(long) i * stride], part[(long) i * stride + 2 + d], value);
        }
        out_row[d] = value;
    }
}
