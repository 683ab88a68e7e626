/**
 * The evaluation report ({@code relay report DIR}): reads the runner's {@code <dataset>.<policy>.jsonl}
 * files ({@link io.github.relayllm.bench.eval.report.RunDirectory}), reduces each benchmark of each
 * policy to its figures ({@link io.github.relayllm.bench.eval.report.BenchmarkFigures}) and renders them
 * as markdown, JSON and an SVG plot of accuracy against call ratio. Definitions are in
 * docs/evaluation-report.md.
 */
package io.github.relayllm.bench.eval.report;
