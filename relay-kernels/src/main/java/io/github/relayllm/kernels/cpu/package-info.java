/**
 * The CPU backend: Vector API kernels for every op, run in parallel by a fixed pool of platform
 * threads, with plans that allocate nothing per step and weights read where they are mapped. Matrix
 * products are delegated to the per-dtype kernels of {@code cpu.matmul}; this package splits their
 * output columns across the threads.
 *
 * <p>Every kernel here keeps each row's result independent of the step it runs in (batch invariance):
 * see {@code docs/kernels.md} for how each one maps work to threads and lanes.
 */
package io.github.relayllm.kernels.cpu;
