package io.github.relayllm.bench.eval.run;

import io.github.relayllm.bench.eval.dataset.EvalSample;

/**
 * What answers an evaluation sample: a relay request between two models, or a scripted answer that
 * tests the runner and the grader without a model. Closed, so that the runner knows every kind and
 * how many requests each may run at once.
 */
public sealed interface Responder permits ScriptedResponder, RelayResponder {
    /** The name that goes into the result file's name and every line's {@code policy}. */
    String policyName();

    /**
     * How many requests may run at once: 1 for a model-backed responder (models are thread-confined),
     * unbounded for a scripted one.
     */
    int maxConcurrency();

    /**
     * The answer to {@code sample}.
     *
     * @throws RuntimeException if the request could not run at all (a failed relay request is a
     *     {@link Response} with status failed, not an exception)
     */
    Response respond(EvalSample sample);
}
