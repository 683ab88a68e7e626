/**
 * Op-by-op checks of a backend against the reference backend, on random inputs: the grid of {@link
 * io.github.relayllm.kernels.opcheck.OpScenario}s in {@link io.github.relayllm.kernels.opcheck.Scenarios}
 * (every op, every weight dtype, awkward shapes), the NMSE metric and its thresholds, and the driver
 * that runs a scenario on any backend.
 *
 * <p>This is main code, not test code, so that the same comparison the backend contract tests make can
 * run as a self-test on a machine where no test classes are installed ({@code relay ops-check}). It
 * depends on nothing but the Backend SPI and the tensor package.
 */
package io.github.relayllm.kernels.opcheck;
