package io.github.relayllm.bench.eval.run;

import io.github.relayllm.bench.eval.dataset.EvalSample;
import java.util.concurrent.Callable;

/**
 * Answers without a model, to test the runner, the result files and the grader end to end: {@link
 * #GOLD} must score 100% on any dataset, {@link #WRONG} 0%. Stateless, so any number of requests may
 * run at once. Every counter of the response is zero: nothing was generated, and counting the text's
 * characters as tokens would put numbers of another unit beside the models' token counts.
 */
public enum ScriptedResponder implements Responder {
    /** The gold answer in a box, as a model that is always right would write it. */
    GOLD("gold") {
        @Override
        String text(EvalSample sample) {
            return "The answer is \\boxed{" + sample.item().goldAnswer() + "}.";
        }
    },
    /**
     * A box that equals no gold answer: a word, so that it cannot be equivalent to any number or
     * expression, unlike a shifted number for a non-numeric gold.
     */
    WRONG("wrong") {
        @Override
        String text(EvalSample sample) {
            return "The answer is \\boxed{\\text{wrong}}.";
        }
    };

    private final String policyName;

    ScriptedResponder(String policyName) {
        this.policyName = policyName;
    }

    abstract String text(EvalSample sample);

    @Override
    public String policyName() {
        return policyName;
    }

    @Override
    public int maxConcurrency() {
        return Integer.MAX_VALUE;
    }

    /** Nothing to serve: runs {@code requests} here. */
    @Override
    public <T> T serve(Callable<T> requests) throws Exception {
        return requests.call();
    }

    @Override
    public Response respond(EvalSample sample) {
        return Response.scripted(text(sample));
    }
}
