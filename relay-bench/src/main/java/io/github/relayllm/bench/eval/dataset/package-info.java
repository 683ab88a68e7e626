/**
 * The evaluation harness's inputs: the six math benchmarks of the RelayLLM paper and any other JSONL
 * set ({@link io.github.relayllm.bench.eval.dataset.Dataset}), the paper's prompt for an item ({@link
 * io.github.relayllm.bench.eval.dataset.EvalPrompt}) and the seed of each sampled answer ({@link
 * io.github.relayllm.bench.eval.dataset.SampleSeed}). The project ships no data: every file is a path
 * the caller gives.
 */
package io.github.relayllm.bench.eval.dataset;
