package io.github.relayllm.bench.eval.run;

import io.github.relayllm.bench.eval.dataset.EvalSample;
import java.util.concurrent.Callable;

/**
 * What answers an evaluation sample: a relay request between two models, or a scripted answer that
 * tests the runner and the grader without a model. Closed, so that the runner knows every kind and
 * how many requests each may run at once.
 */
public sealed interface Responder permits ScriptedResponder, RelayResponder {
    /** The name that goes into the result file's name and every line's {@code policy}. */
    String policyName();

    /**
     * How many requests may run at once: unbounded for a scripted responder and for a relay whose
     * steps a scheduler serves, 1 for a relay without one (models are confined to their thread).
     */
    int maxConcurrency();

    /**
     * Runs {@code requests}, which call {@link #respond} from any threads, while this thread does
     * whatever the responder needs of it: for a scheduled relay, serving the models' steps (this
     * must be the thread that loaded them).
     *
     * @return what {@code requests} returned
     * @throws Exception what {@code requests} threw
     */
    <T> T serve(Callable<T> requests) throws Exception;

    /**
     * The answer to {@code sample}.
     *
     * @throws RuntimeException if the request could not run at all (a failed relay request is a
     *     {@link Response} with status failed, not an exception)
     */
    Response respond(EvalSample sample);
}
