/**
 * The evaluation runner: draws every sample of a dataset from a {@link
 * io.github.relayllm.bench.eval.run.Responder} (a relay request, or a scripted answer for testing the
 * pipeline), grades it and appends one JSON line per finished request to a {@link
 * io.github.relayllm.bench.eval.run.ResultFile}, which a rerun resumes.
 */
package io.github.relayllm.bench.eval.run;
