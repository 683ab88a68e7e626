// Decoding of weight rows, stored on the device exactly as in the GGUF file (row-major; a row of k
// elements is whole blocks of the dtype). The program's WEIGHT_<DTYPE> define picks the dtype.
//
// The unit of work is 32 consecutive elements of a row: every GGML block size is a multiple of 32
// (a legacy quant block is one unit, a K-quant super-block of 256 is eight). decode_unit(row, unit,
// count, out) writes elements 32 * unit .. 32 * unit + count - 1 of the row to out[0 .. count - 1];
// count is 32 except for the last unit of an F32/F16/BF16 row whose length is not a multiple of 32.
//
// Each decoder is a transcription of the Java codec of its dtype (kernels.tensor.*Codec), with the
// same float operations in the same order and no fused multiply-add, so that a decoded element has
// exactly the bits the reference decoder gives it (the embedding lookup is checked for equality).
// Multi-byte fields are read byte by byte where a block does not keep them aligned (Q5_0's 32-bit
// high bits at offset 2); binary16 scales always sit at even offsets of even-sized blocks, so they are
// read with vload_half (no half arithmetic: cl_khr_fp16 is optional).

// The binary16 at p (an even address), widened exactly.
float load_half(global const uchar* p) {
    return vload_half(0, (global const half*) p);
}

// The little-endian 32-bit word at p, whatever its alignment.
uint load_u32(global const uchar* p) {
    return (uint) p[0] | ((uint) p[1] << 8) | ((uint) p[2] << 16) | ((uint) p[3] << 24);
}

#if defined(WEIGHT_F32)
#define WEIGHT_BLOCK 1
#define WEIGHT_BLOCK_BYTES 4
#elif defined(WEIGHT_F16) || defined(WEIGHT_BF16)
#define WEIGHT_BLOCK 1
#define WEIGHT_BLOCK_BYTES 2
#elif defined(WEIGHT_Q8_0)
#define WEIGHT_BLOCK 32
#define WEIGHT_BLOCK_BYTES 34
#elif defined(WEIGHT_Q4_0)
#define WEIGHT_BLOCK 32
#define WEIGHT_BLOCK_BYTES 18
#elif defined(WEIGHT_Q4_1)
#define WEIGHT_BLOCK 32
#define WEIGHT_BLOCK_BYTES 20
#elif defined(WEIGHT_Q5_0)
#define WEIGHT_BLOCK 32
#define WEIGHT_BLOCK_BYTES 22
#elif defined(WEIGHT_Q5_1)
#define WEIGHT_BLOCK 32
#define WEIGHT_BLOCK_BYTES 24
#elif defined(WEIGHT_Q2_K)
#define WEIGHT_BLOCK 256
#define WEIGHT_BLOCK_BYTES 84
#elif defined(WEIGHT_Q3_K)
#define WEIGHT_BLOCK 256
#define WEIGHT_BLOCK_BYTES 110
#elif defined(WEIGHT_Q4_K)
#define WEIGHT_BLOCK 256
#define WEIGHT_BLOCK_BYTES 144
#elif defined(WEIGHT_Q5_K)
#define WEIGHT_BLOCK 256
#define WEIGHT_BLOCK_BYTES 176
#elif defined(WEIGHT_Q6_K)
#define WEIGHT_BLOCK 256
#define WEIGHT_BLOCK_BYTES 210
#else
#error "no decoder for this weight dtype (define one WEIGHT_<DTYPE>)"
#endif

#define UNIT 32

// Bytes of a row of k elements.
long weight_row_bytes(int k) {
    return (long) (k / WEIGHT_BLOCK) * WEIGHT_BLOCK_BYTES;
}

// The first byte of row `row` of a [rows, k] weight matrix (a long offset: rows * bytes passes 2^31).
global const uchar* weight_row(global const uchar* weight, long row, int k) {
    return weight + row * weight_row_bytes(k);
}

// Elements of unit `unit` of a row of k: 32, fewer only at the end of a real-typed row. A constant
// for the quantized dtypes, so that loops over a unit unroll.
#if WEIGHT_BLOCK == 1
#define unit_count(k, unit) min(UNIT, (k) - UNIT * (unit))
#else
#define unit_count(k, unit) UNIT
#endif

#if defined(WEIGHT_F32)

void decode_unit(global const uchar* row, int unit, int count, float* out) {
    global const float* x = (global const float*) row + UNIT * unit;
    for (int j = 0; j < count; j++) {
        out[j] = x[j];
    }
}

#elif defined(WEIGHT_F16)

void decode_unit(global const uchar* row, int unit, int count, float* out) {
    global const half* x = (global const half*) row + UNIT * unit;
    for (int j = 0; j < count; j++) {
        out[j] = vload_half(j, x);
    }
}

#elif defined(WEIGHT_BF16)

void decode_unit(global const uchar* row, int unit, int count, float* out) {
    global const ushort* x = (global const ushort*) row + UNIT * unit;
    for (int j = 0; j < count; j++) {
        out[j] = bf16_to_float(x[j]);
    }
}

#elif defined(WEIGHT_Q8_0)

// d (half) at 0, 32 int8 quants at 2: x = q * d.
void decode_unit(global const uchar* row, int unit, int count, float* out) {
    global const uchar* b = row + unit * WEIGHT_BLOCK_BYTES;
    const float d = load_half(b);
    for (int j = 0; j < UNIT; j++) {
        out[j] = (float) ((char) b[2 + j]) * d;
    }
}

#elif defined(WEIGHT_Q4_0)

// d (half) at 0, nibbles at 2 (byte j: element j low, j + 16 high): x = (q - 8) * d.
void decode_unit(global const uchar* row, int unit, int count, float* out) {
    global const uchar* b = row + unit * WEIGHT_BLOCK_BYTES;
    const float d = load_half(b);
    for (int j = 0; j < 16; j++) {
        const int packed = b[2 + j];
        out[j] = (float) ((packed & 0xf) - 8) * d;
        out[j + 16] = (float) ((packed >> 4) - 8) * d;
    }
}

#elif defined(WEIGHT_Q4_1)

// d (half) at 0, m (half) at 2, nibbles at 4: x = q * d + m.
void decode_unit(global const uchar* row, int unit, int count, float* out) {
    global const uchar* b = row + unit * WEIGHT_BLOCK_BYTES;
    const float d = load_half(b);
    const float m = load_half(b + 2);
    for (int j = 0; j < 16; j++) {
        const int packed = b[4 + j];
        out[j] = (float) (packed & 0xf) * d + m;
        out[j + 16] = (float) (packed >> 4) * d + m;
    }
}

#elif defined(WEIGHT_Q5_0)

// d (half) at 0, fifth bits (uint32, unaligned) at 2, nibbles at 6: x = (q - 16) * d.
void decode_unit(global const uchar* row, int unit, int count, float* out) {
    global const uchar* b = row + unit * WEIGHT_BLOCK_BYTES;
    const float d = load_half(b);
    const uint high_bits = load_u32(b + 2);
    for (int j = 0; j < 16; j++) {
        const int packed = b[6 + j];
        const int low = (packed & 0xf) | (((high_bits >> j) & 1) << 4);
        const int high = (packed >> 4) | (((high_bits >> (j + 16)) & 1) << 4);
        out[j] = (float) (low - 16) * d;
        out[j + 16] = (float) (high - 16) * d;
    }
}

#elif defined(WEIGHT_Q5_1)

// d (half) at 0, m (half) at 2, fifth bits (uint32) at 4, nibbles at 8: x = q * d + m.
void decode_unit(global const uchar* row, int unit, int count, float* out) {
    global const uchar* b = row + unit * WEIGHT_BLOCK_BYTES;
    const float d = load_half(b);
    const float m = load_half(b + 2);
    const uint high_bits = load_u32(b + 4);
    for (int j = 0; j < 16; j++) {
        const int packed = b[8 + j];
        const int low = (packed & 0xf) | (((high_bits >> j) & 1) << 4);
        const int high = (packed >> 4) | (((high_bits >> (j + 16)) & 1) << 4);
        out[j] = (float) low * d + m;
        out[j + 16] = (float) high * d + m;
    }
}

#elif defined(WEIGHT_Q2_K)

// Super-block of 256 in 84 bytes: scales (sc low nibble, mn high nibble) of sixteen sub-blocks of 16
// at 0, 2-bit quants at 16, d (half) at 80, dmin (half) at 82. Element e: byte 16 + 32 * (e / 128) +
// e % 32, bits 2 * ((e % 128) / 32); x = (d * sc) * q - (dmin * mn). Unit s (0..7) of a super-block
// is sub-blocks 2s and 2s + 1.
void decode_unit(global const uchar* row, int unit, int count, float* out) {
    global const uchar* b = row + (unit >> 3) * WEIGHT_BLOCK_BYTES;
    const int s = unit & 7;
    const float d = load_half(b + 80);
    const float dmin = load_half(b + 82);
    global const uchar* q = b + 16 + 32 * (s >> 2);
    const int shift = 2 * (s & 3);
    for (int h = 0; h < 2; h++) {
        const int packed = b[2 * s + h];
        const float scale = d * (float) (packed & 0xf);
        const float min = dmin * (float) (packed >> 4);
        for (int l = 0; l < 16; l++) {
            const int e = 16 * h + l;
            out[e] = scale * (float) ((q[e] >> shift) & 3) - min;
        }
    }
}

#elif defined(WEIGHT_Q3_K)

// Super-block of 256 in 110 bytes: high-bit mask at 0 (element e: bit e / 32 of byte e % 32), 2-bit
// low quants at 32 (as Q2_K), sixteen 6-bit scales biased by 32 packed in 12 bytes at 96, d (half)
// at 108; x = (d * (sc - 32)) * (low - (high bit ? 0 : 4)).
void decode_unit(global const uchar* row, int unit, int count, float* out) {
    global const uchar* b = row + (unit >> 3) * WEIGHT_BLOCK_BYTES;
    const int s = unit & 7;
    const float d = load_half(b + 108);
    global const uchar* q = b + 32 + 32 * (s >> 2);
    global const uchar* scales = b + 96;
    const int shift = 2 * (s & 3);
    for (int h = 0; h < 2; h++) {
        const int j = 2 * s + h;
        const int low_nibble = j < 8 ? scales[j] & 0xf : scales[j - 8] >> 4;
        const int high_bits = (scales[8 + (j & 3)] >> (2 * (j >> 2))) & 3;
        const float scale = d * (float) ((low_nibble | (high_bits << 4)) - 32);
        for (int l = 0; l < 16; l++) {
            const int e = 16 * h + l;
            const int low = (q[e] >> shift) & 3;
            const int high_bit = (b[e] >> s) & 1;
            out[e] = scale * (float) (low - (high_bit ? 0 : 4));
        }
    }
}

#elif defined(WEIGHT_Q4_K) || defined(WEIGHT_Q5_K)

// The 6-bit scale and minimum of sub-block j (0..7) from the 12 packed bytes (get_scale_min_k4).
int2 k4_scale_min(global const uchar* scales, int j) {
    if (j < 4) {
        return (int2)(scales[j] & 63, scales[j + 4] & 63);
    }
    return (int2)((scales[j + 4] & 0xf) | ((scales[j - 4] >> 6) << 4), (scales[j + 4] >> 4) | ((scales[j] >> 6) << 4));
}

// Super-block of 256: d (half) at 0, dmin (half) at 2, scales and minimums at 4; Q4_K: nibbles at 16;
// Q5_K: fifth bits at 16 (element e: bit e / 32 of byte e % 32), nibbles at 48. Sub-block s (32
// elements, one unit) sits in bytes 32 * (s / 2) of the nibbles, low nibble for even s, high for odd;
// x = (d * sc) * q - (dmin * mn).
void decode_unit(global const uchar* row, int unit, int count, float* out) {
    global const uchar* b = row + (unit >> 3) * WEIGHT_BLOCK_BYTES;
    const int s = unit & 7;
    const float d = load_half(b);
    const float dmin = load_half(b + 2);
    const int2 sm = k4_scale_min(b + 4, s);
    const float scale = d * (float) sm.x;
    const float min = dmin * (float) sm.y;
    const int shift = 4 * (s & 1);
#if defined(WEIGHT_Q4_K)
    global const uchar* q = b + 16 + 32 * (s >> 1);
    for (int l = 0; l < UNIT; l++) {
        out[l] = scale * (float) ((q[l] >> shift) & 0xf) - min;
    }
#else
    global const uchar* qh = b + 16;
    global const uchar* q = b + 48 + 32 * (s >> 1);
    for (int l = 0; l < UNIT; l++) {
        const int low = (q[l] >> shift) & 0xf;
        const int fifth = (qh[l] >> s) & 1;
        out[l] = scale * (float) (low | (fifth << 4)) - min;
    }
#endif
}

#elif defined(WEIGHT_Q6_K)

// Super-block of 256 in 210 bytes: low nibbles at 0, high 2-bit pairs at 128, sixteen int8 scales
// (sub-blocks of 16) at 192, d (half) at 208. With c = e / 128, k = (e % 128) / 32, l = e % 32:
// low bits in byte 64c + 32 * (k % 2) + l (low nibble for k < 2), high bits 2k of byte 128 + 32c + l;
// x = (d * sc) * (q - 32).
void decode_unit(global const uchar* row, int unit, int count, float* out) {
    global const uchar* b = row + (unit >> 3) * WEIGHT_BLOCK_BYTES;
    const int s = unit & 7;
    const int c = s >> 2;
    const int k = s & 3;
    const float d = load_half(b + 208);
    global const uchar* ql = b + 64 * c + 32 * (k & 1);
    global const uchar* qh = b + 128 + 32 * c;
    const int low_shift = 4 * (k >> 1);
    const int high_shift = 2 * k;
    for (int h = 0; h < 2; h++) {
        const float scale = d * (float) ((char) b[192 + 2 * s + h]);
        for (int l = 0; l < 16; l++) {
            const int e = 16 * h + l;
            const int low = (ql[e] >> low_shift) & 0xf;
            const int high = (qh[e] >> high_shift) & 3;
            out[e] = scale * (float) ((low | (high << 4)) - 32);
        }
    }
}

#endif
