/**
 * The Backend SPI: the op vocabulary a decoder-only transformer needs, device buffers, and execution
 * plans. relay-core builds a model's forward pass as a list of {@link
 * io.github.relayllm.kernels.backend.Op}s over {@link io.github.relayllm.kernels.backend.Buffer}s once,
 * compiles it into an {@link io.github.relayllm.kernels.backend.ExecutionPlan}, and replays the plan
 * every step; per-step values (token ids, positions, cache slots, block tables) live in small int
 * buffers the host writes before each run. This is TornadoVM's task graph, or a CUDA graph, without
 * either: backends see flat buffers and static shapes, never model objects.
 *
 * <p>Activations are always F32, laid out row-major as {@code [rows, width]}; a buffer's shape gives
 * its capacity in rows. Each run processes a prefix of the rows: {@link
 * io.github.relayllm.kernels.backend.RowCount#TOKENS} rows (the tokens of this step, any mix of
 * sequences) or {@link io.github.relayllm.kernels.backend.RowCount#OUTPUTS} rows (those whose logits
 * are wanted).
 *
 * <p>Every backend computes each row independently of the others, so a row's result does not depend
 * on how many rows run with it (batch invariance; bit-exact on the CPU backends, within the kernel
 * tolerances elsewhere).
 */
package io.github.relayllm.kernels.backend;
