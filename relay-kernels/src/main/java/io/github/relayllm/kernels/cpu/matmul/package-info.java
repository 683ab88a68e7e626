/**
 * Matrix multiplication on the CPU, one kernel per weight dtype: {@code out = in · wᵀ} with F32
 * activations. Kernels compute a range of output columns for every row, so the CPU backend
 * parallelizes over columns and each output element's reduction over {@code k} is the same however
 * many rows run (batch invariance).
 *
 * <h2>Numeric scheme</h2>
 *
 * Weights are decoded in vector registers to exactly the floats of the reference decoders (every
 * product of a quant and its scales is exact in a float, and Q4_K's one subtraction is rounded once,
 * as the reference rounds it). Each output element then has one vector accumulator, {@code acc =
 * fma(w, x, acc)} over the vectors of {@code k} in order, a fixed-order lane sum, and, for plain float
 * weights whose {@code k} is not a whole number of vectors, scalar fused multiply-adds for the rest.
 * Decode (one row) and prefill (many) run these same operations, so results agree bit for bit; against
 * the reference they differ only in the order of additions.
 *
 * <p>Quantizing activations to int8, as llama.cpp does, was measured and rejected: the Vector API
 * offers no int8 dot product instruction, and emulating one (widen, multiply 16-bit lanes, widen,
 * add, convert) ran a 4-row tile at 25 GFLOP/s against 45 for float FMAs on one core.
 *
 * <h2>Shape of the code</h2>
 *
 * The vector width is a JVM-wide constant ({@code KernelSpecies}), because C2 compiles Vector API
 * calls to instructions only for constant species. C2 also stops inlining into a method once parsing
 * it has made about 18,000 IR nodes, and each vector operation makes 400 to 1,200; a vector operation
 * left as a call boxes its operands and runs some 20 times slower. Hence small methods that take and
 * return arrays around every vector loop, one copy of the vector code per loop with bit-field
 * positions as loop variables, and constant vectors for fixed operands. Code shared by the kernels
 * reaches a dtype's vector code only through a {@code DTypeEntry}, so that C2 never compiles two
 * dtypes' vector loops into one method.
 */
package io.github.relayllm.kernels.cpu.matmul;
