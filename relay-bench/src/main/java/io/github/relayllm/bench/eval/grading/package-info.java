/**
 * Grading of math answers for the evaluation harness: taking the final answer out of a response
 * ({@link io.github.relayllm.bench.eval.grading.ExtractionMode}), normalizing its LaTeX
 * ({@link io.github.relayllm.bench.eval.grading.MathNormalizer}) and deciding whether it equals the
 * gold answer ({@link io.github.relayllm.bench.eval.grading.MathEquivalence}). Rule-based and
 * deterministic; no external service.
 */
package io.github.relayllm.bench.eval.grading;
