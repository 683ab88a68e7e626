/**
 * The reference backend: every op of {@link io.github.relayllm.kernels.backend.Op} in plain scalar
 * Java, single-threaded, written to be read. It is the yardstick every other backend is tested
 * against, op by op, so it trades all speed for being obviously right: weights are decoded with the
 * reference codecs of {@link io.github.relayllm.kernels.tensor.BlockCodecs}, sums run in double, and
 * each op reads as its formula.
 */
package io.github.relayllm.kernels.reference;
