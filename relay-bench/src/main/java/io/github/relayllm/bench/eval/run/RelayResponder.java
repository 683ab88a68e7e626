package io.github.relayllm.bench.eval.run;

import io.github.relayllm.bench.eval.dataset.EvalPrompt;
import io.github.relayllm.bench.eval.dataset.EvalSample;
import io.github.relayllm.core.relay.Relay;
import io.github.relayllm.core.relay.RelayListener;
import io.github.relayllm.core.relay.RelayOptions;
import java.util.Objects;

/**
 * Answers a sample with a relay request: the question in the paper's prompt, the caller's options
 * (policy, budget, sampling) with the sample's own seed, so that a rerun of one sample draws the same
 * answer. Requests run one at a time on the caller's thread: the models are thread-confined, and
 * batching several requests through the scheduler is later work. Cost: one relay request per sample.
 */
public final class RelayResponder implements Responder {
    private final Relay relay;
    private final RelayOptions options;
    private final String policyName;
    private final EvalPrompt prompt;

    /**
     * @param policyName the policy's name as the command line gave it, e.g. {@code relay}
     */
    public RelayResponder(Relay relay, RelayOptions options, String policyName, EvalPrompt prompt) {
        this.relay = Objects.requireNonNull(relay, "relay");
        this.options = Objects.requireNonNull(options, "options");
        this.policyName = Objects.requireNonNull(policyName, "policyName");
        this.prompt = Objects.requireNonNull(prompt, "prompt");
    }

    @Override
    public String policyName() {
        return policyName;
    }

    @Override
    public int maxConcurrency() {
        return 1;
    }

    @Override
    public Response respond(EvalSample sample) {
        String basePrompt = prompt.render(relay, sample.item().question());
        return Response.of(relay.run(basePrompt, options.withSeed(sample.seed()), RelayListener.NONE));
    }
}
