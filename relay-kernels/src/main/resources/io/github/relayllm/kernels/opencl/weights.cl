// Matmul and embedding over weights of the program's dtype, decoded a unit (32 elements) at a time
// by dequantize.cl. Weights are [n, k] row-major in their GGUF layout; activations are F32 [rows, k];
// out is F32 [rows, n]. Sums are plain float with explicit fma (contraction is off).

// Rows of activations the decode kernel serves with one decoded weight unit.
#define MATVEC_ROWS 8

// Decode-time matmul: out[r][o] = sum_k w[o][k] * in[r][k] (+ bias[o]) for r < rows.
//
// One work-group per output element o (group id 0), of `lanes` work-items (a power of two). Lane i
// takes units i, i + lanes, .. of row o of the weights, decodes each once and multiplies it into a
// private accumulator for each of up to MATVEC_ROWS activation rows; the lanes' partial sums are
// then added in a fixed tree in local memory. More rows than MATVEC_ROWS are served in chunks.
//
// Arguments:
//   0 weight   global uchar*  [n, k] in the dtype's layout
//   1 in       global float*  [rows, k]
//   2 out      global float*  [rows, n]
//   3 bias     global float*  [n] (any buffer when has_bias is 0)
//   4 has_bias int            1 to add bias
//   5 n        int            outputs (weight rows)
//   6 k        int            inputs (row length)
//   7 rows     int            activation rows of this step
//   8 scratch  local float*   MATVEC_ROWS * lanes floats
// Range: n * lanes work-items, groups of lanes.
kernel void matvec(global const uchar* weight, global const float* in, global float* out,
                   global const float* bias, int has_bias, int n, int k, int rows, local float* scratch) {
    const int o = get_group_id(0);
    const int lane = get_local_id(0);
    const int lanes = get_local_size(0);
    if (o >= n) {
        return;  // whole group: no barrier is skipped by part of it
    }
    global const uchar* w = weight_row(weight, o, k);
    const int units = (k + UNIT - 1) / UNIT;
    const float b = has_bias ? bias[o] : 0.0f;
    for (int r0 = 0; r0 < rows; r0 += MATVEC_ROWS) {
        const int chunk = min(MATVEC_ROWS, rows - r0);
        global const float* x = in + (long) r0 * k;
        float acc[MATVEC_ROWS];
        for (int r = 0; r < MATVEC_ROWS; r++) {
            acc[r] = 0.0f;
        }
        for (int u = lane; u < units; u += lanes) {
            const int count = unit_count(k, u);
            float wu[UNIT];
            decode_unit(w, u, count, wu);
            for (int r = 0; r < MATVEC_ROWS; r++) {
                if (r < chunk) {
                    global const float* xr = x + (long) r * k + UNIT * u;
                    float sum = acc[r];
                    for (int j = 0; j < count; j++) {
                        sum = fma(wu[j], xr[j], sum);
                    }
                    acc[r] = sum;
                }
            }
        }
        for (int r = 0; r < MATVEC_ROWS; r++) {
            scratch[r * lanes + lane] = acc[r];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int stride = lanes / 2; stride > 0; stride /= 2) {
            if (lane < stride) {
                for (int r = 0; r < MATVEC_ROWS; r++) {
                    scratch[r * lanes + lane] += scratch[r * lanes + lane + stride];
                }
            }
            barrier(CLK_LOCAL_MEM_FENCE);
        }
        for (int r = lane; r < chunk; r += lanes) {
            out[(long) (r0 + r) * n + o] = scratch[r * lanes] + b;
        }
        barrier(CLK_LOCAL_MEM_FENCE);  // scratch is rewritten by the next chunk
    }
}

// Tile of the prefill matmul: TILE_ROWS activation rows x TILE_OUTS outputs per work-group of
// TILE_GROUP x TILE_GROUP work-items, each computing (TILE_ROWS / TILE_GROUP) x (TILE_OUTS /
// TILE_GROUP) outputs, strided by TILE_GROUP so that neighbouring work-items read neighbouring
// local memory.
#define TILE_GROUP 16
#define TILE_ROWS 64
#define TILE_OUTS 64
#define TILE_PER_ROW (TILE_ROWS / TILE_GROUP)
#define TILE_PER_OUT (TILE_OUTS / TILE_GROUP)
// Local rows are padded by one float, so that a column walk touches every bank once.
#define TILE_STRIDE (UNIT + 1)

// Prefill matmul: out[r][o] = sum_k w[o][k] * in[r][k] (+ bias[o]) for r < rows.
//
// Work-group (g0, g1) computes outputs g0 * TILE_OUTS .. and rows g1 * TILE_ROWS .. . It walks k a
// unit at a time: the first TILE_OUTS work-items each decode one weight row's unit into local
// memory (zeros past n and past the end of the row), all work-items stage the activations' unit
// tile (coalesced: consecutive work-items read consecutive floats of a row), a barrier, then every
// work-item multiplies its outputs' 32 terms in order with fma, and a barrier before the next unit.
// Each weight unit is thus decoded once per TILE_ROWS rows, and each activation once per TILE_OUTS
// outputs.
//
// Arguments:
//   0 weight   global uchar*  [n, k] in the dtype's layout
//   1 in       global float*  [rows, k]
//   2 out      global float*  [rows, n]
//   3 bias     global float*  [n] (any buffer when has_bias is 0)
//   4 has_bias int            1 to add bias
//   5 n        int            outputs
//   6 k        int            inputs
//   7 rows     int            activation rows of this step
// Range: (ceil(n / TILE_OUTS) * TILE_GROUP, ceil(rows / TILE_ROWS) * TILE_GROUP) in groups of
// (TILE_GROUP, TILE_GROUP).
kernel void matmul_tiled(global const uchar* weight, global const float* in, global float* out,
                         global const float* bias, int has_bias, int n, int k, int rows) {
    local float xs[TILE_ROWS * TILE_STRIDE];
    local float ws[TILE_OUTS * TILE_STRIDE];
    const int tx = get_local_id(0);
    const int ty = get_local_id(1);
    const int tid = ty * TILE_GROUP + tx;
    const int o0 = get_group_id(0) * TILE_OUTS;
    const int r0 = get_group_id(1) * TILE_ROWS;
    const int units = (k + UNIT - 1) / UNIT;

    float acc[TILE_PER_ROW][TILE_PER_OUT];
    for (int i = 0; i < TILE_PER_ROW; i++) {
        for (int j = 0; j < TILE_PER_OUT; j++) {
            acc[i][j] = 0.0f;
        }
    }

    for (int u = 0; u < units; u++) {
        const int count = unit_count(k, u);
        if (tid < TILE_OUTS) {
            const int o = o0 + tid;
            local float* target = ws + tid * TILE_STRIDE;
            if (o < n) {
                float wu[UNIT];
                decode_unit(weight_row(weight, o, k), u, count, wu);
                for (int j = 0; j < UNIT; j++) {
                    target[j] = j < count ? wu[j] : 0.0f;
                }
            } else {
                for (int j = 0; j < UNIT; j++) {
                    target[j] = 0.0f;
                }
            }
        }
        for (int e = tid; e < TILE_ROWS * UNIT; e += TILE_GROUP * TILE_GROUP) {
            const int rr = e / UNIT;
            const int c = e % UNIT;
            const int r = r0 + rr;
            xs[rr * TILE_STRIDE + c] = (r < rows && c < count) ? in[(long) r * k + UNIT * u + c] : 0.0f;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int c = 0; c < UNIT; c++) {
            float a[TILE_PER_ROW];
            float w[TILE_PER_OUT];
            for (int i = 0; i < TILE_PER_ROW; i++) {
                a[i] = xs[(ty + TILE_GROUP * i) * TILE_STRIDE + c];
            }
            for (int j = 0; j < TILE_PER_OUT; j++) {
                w[j] = ws[(tx + TILE_GROUP * j) * TILE_STRIDE + c];
            }
            for (int i = 0; i < TILE_PER_ROW; i++) {
                for (int j = 0; j < TILE_PER_OUT; j++) {
                    acc[i][j] = fma(a[i], w[j], acc[i][j]);
                }
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }

    for (int i = 0; i < TILE_PER_ROW; i++) {
        const int r = r0 + ty + TILE_GROUP * i;
        if (r < rows) {
            for (int j = 0; j < TILE_PER_OUT; j++) {
                const int o = o0 + tx + TILE_GROUP * j;
                if (o < n) {
                    out[(long) r * n + o] = acc[i][j] + (has_bias ? bias[o] : 0.0f);
                }
            }
        }
    }
}

// Embedding lookup: out[r] = decoded row token_ids[r] of the table, exactly as the reference
// decodes it. One work-item per unit of a row (dimension 0) and token row (dimension 1).
//
// Arguments:
//   0 table      global uchar*  [vocabulary, width] in the dtype's layout
//   1 token_ids  global int*    [rows], checked on the host to lie in the table
//   2 out        global float*  [rows, width]
//   3 width      int            row length
//   4 rows       int            token rows of this step
// Range: (ceil(width / 32), rows), any group size in dimension 0.
kernel void embed(global const uchar* table, global const int* token_ids, global float* out, int width, int rows) {
    const int u = get_global_id(0);
    const int r = get_global_id(1);
    if (u < (width + UNIT - 1) / UNIT && r < rows) {
        const int count = unit_count(width, u);
        float values[UNIT];
        decode_unit(weight_row(table, token_ids[r], width), u, count, values);
        global float* y = out + (long) r * width + UNIT * u;
        for (int j = 0; j < count; j++) {
            y[j] = values[j];
        }
    }
}
