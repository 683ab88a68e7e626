package io.github.relayllm.bench.eval.run;

import io.github.relayllm.bench.eval.dataset.EvalPrompt;
import io.github.relayllm.bench.eval.dataset.EvalSample;
import io.github.relayllm.core.batch.StepScheduler;
import io.github.relayllm.core.relay.Relay;
import io.github.relayllm.core.relay.RelayListener;
import io.github.relayllm.core.relay.RelayOptions;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Answers a sample with a relay request: the question in the paper's prompt, the caller's options
 * (policy, budget, sampling) with the sample's own seed, so that a rerun of one sample draws the same
 * answer, alone or among others. With a {@link StepScheduler}, requests run at once on the runner's
 * threads while the scheduler serves their steps on the thread that loaded the models, batching each
 * model's decodes; without one, one at a time on that thread. Cost: one relay request per sample.
 */
public final class RelayResponder implements Responder {
    private final Relay relay;
    private final Optional<StepScheduler> scheduler;
    private final RelayOptions options;
    private final String policyName;
    private final EvalPrompt prompt;

    /**
     * @param scheduler serves the requests' steps when they run at once; empty to run them one by one
     * @param policyName the policy's name as the command line gave it, e.g. {@code relay}
     */
    public RelayResponder(
            Relay relay,
            Optional<StepScheduler> scheduler,
            RelayOptions options,
            String policyName,
            EvalPrompt prompt) {
        Objects.requireNonNull(relay, "relay");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.relay = scheduler.map(relay::scheduledBy).orElse(relay);
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
        return scheduler.isPresent() ? Integer.MAX_VALUE : 1;
    }

    @Override
    public <T> T serve(Callable<T> requests) throws Exception {
        return scheduler.isPresent() ? scheduler.get().serve(requests) : requests.call();
    }

    @Override
    public Response respond(EvalSample sample) {
        String basePrompt = prompt.render(relay, sample.item().question());
        return Response.of(relay.run(basePrompt, options.withSeed(sample.seed()), RelayListener.NONE));
    }
}
