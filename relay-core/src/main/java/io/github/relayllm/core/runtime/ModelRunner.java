package io.github.relayllm.core.runtime;

import io.github.relayllm.core.model.ModelConfig;
import io.github.relayllm.core.model.ModelSource;
import io.github.relayllm.core.model.WeightKind;
import io.github.relayllm.core.model.WeightName;
import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.ExecutionPlan;
import io.github.relayllm.kernels.backend.OpTimes;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A model loaded on a backend, ready to run steps: its weights as backend buffers, its KV cache, and
 * its forward pass compiled into one execution plan. A step is any set of token rows from any
 * sequences (a prefill chunk, a batch of decoding sequences, or both); the host describes it in a
 * {@link StepBatch} and reads the logits (or their argmax) of the rows it asked for.
 *
 * <p>The runner computes; it does not decide which slots a sequence uses (that is {@code core.kv}) or
 * which token comes next (sampling). Not thread-safe: one thread drives a runner.
 *
 * <p>Cost: creating one uploads the weights (CPU: maps them, nothing copied) and allocates the KV
 * cache and activations for the limits; a step allocates nothing on the Java heap.
 */
public final class ModelRunner implements AutoCloseable {
    private final ModelConfig config;
    private final Backend backend;
    private final RunnerLimits limits;
    private final StepInputs inputs;
    private final WeightBuffers weights;
    private final ForwardPass pass;
    private final ExecutionPlan plan;
    private final Arena staging = Arena.ofConfined();
    private final MemorySegment intStaging;
    private final MemorySegment tableStaging;
    private final MemorySegment logitsStaging;
    // Views of the staging memory by length, and the last step's sizes, made once and reused so
    // that a step allocates nothing.
    private final MemorySegment[] intViews;
    private final MemorySegment[] tableViews;
    private Step lastStep;
    private OpTimes opTimes; // while profiling
    private long profiledTokens;
    private long profiledOutputs;

    private ModelRunner(ModelSource model, Backend backend, RunnerLimits limits) {
        this.config = model.config();
        this.backend = backend;
        this.limits = limits;
        this.weights = WeightBuffers.load(model, backend);
        this.inputs = StepInputs.allocate(backend, limits);
        Buffer inverseFrequencies = backend.allocate(DType.F32, Shape.of(config.headDim() / 2));
        float[] frequencies = RopeFrequencies.of(
                config,
                model.findWeight(WeightName.global(WeightKind.ROPE_FREQUENCIES)).map(t -> t.toFloatArray()));
        backend.write(inverseFrequencies, 0, MemorySegment.ofArray(frequencies));
        this.pass = new ForwardPass(
                config, backend, weights, inputs, new KvCaches(config, backend, limits), inverseFrequencies, limits);
        this.plan = backend.compile(pass.ops(), new Step(limits.maxTokensPerStep(), limits.maxOutputsPerStep()));
        this.intStaging = staging.allocate((long) limits.maxTokensPerStep() * Integer.BYTES, 64);
        this.tableStaging = staging.allocate(
                (long) limits.maxSequencesPerStep() * limits.maxBlocksPerSequence() * Integer.BYTES, 64);
        this.logitsStaging = staging.allocate((long) config.vocabSize() * Float.BYTES, 64);
        this.intViews = prefixes(intStaging, limits.maxTokensPerStep(), Integer.BYTES);
        this.tableViews = prefixes(
                tableStaging, limits.maxSequencesPerStep(), (long) limits.maxBlocksPerSequence() * Integer.BYTES);
        this.lastStep = new Step(1, 1);
    }

    /** {@code views[i]} is the first {@code i} units of {@code bytesPerUnit} of {@code segment}. */
    private static MemorySegment[] prefixes(MemorySegment segment, int units, long bytesPerUnit) {
        MemorySegment[] views = new MemorySegment[units + 1];
        for (int i = 0; i <= units; i++) {
            views[i] = segment.asSlice(0, i * bytesPerUnit);
        }
        return views;
    }

    /**
     * Loads {@code model} onto {@code backend} with buffers sized by {@code limits}. The model source
     * must stay open while the runner is used (CPU weights are views of its files).
     */
    public static ModelRunner create(ModelSource model, Backend backend, RunnerLimits limits) {
        return new ModelRunner(model, backend, limits);
    }

    public ModelConfig config() {
        return config;
    }

    public RunnerLimits limits() {
        return limits;
    }

    /** A batch sized to this runner's limits, to fill and pass to {@link #run}; reuse it. */
    public StepBatch newBatch() {
        return new StepBatch(limits);
    }

    /**
     * Runs one step: embeds the batch's tokens, writes their keys and values into the cache at their
     * slots, attends over each row's sequence, and computes the logits of the output rows.
     */
    public void run(StepBatch batch) {
        if (batch.tokens == 0) {
            throw new IllegalArgumentException("a step needs at least one token");
        }
        writeInts(inputs.tokenIds(), batch.tokenIds, batch.tokens);
        writeInts(inputs.positions(), batch.positions, batch.tokens);
        writeInts(inputs.slots(), batch.slots, batch.tokens);
        writeInts(inputs.rowSequence(), batch.rowSequence, batch.tokens);
        writeInts(inputs.outputRows(), batch.outputRows, batch.outputs);
        int tableEntries = batch.sequences * limits.maxBlocksPerSequence();
        MemorySegment.copy(batch.blockTables, 0, tableStaging, ValueLayout.JAVA_INT, 0, tableEntries);
        backend.write(inputs.blockTables(), 0, tableViews[batch.sequences]);
        if (lastStep.tokens() != batch.tokens || lastStep.outputs() != batch.outputs) {
            lastStep = new Step(batch.tokens, batch.outputs);
        }
        if (opTimes == null) {
            plan.run(lastStep);
        } else {
            plan.run(lastStep, opTimes);
            profiledTokens += batch.tokens;
            profiledOutputs += batch.outputs;
        }
    }

    /** How many ops the forward pass runs per step. */
    public int opCount() {
        return plan.ops().size();
    }

    /**
     * Times each op of every step from now until {@link #stopProfiling()}, starting from zero. On the
     * CPU this costs a clock read per op; a device backend waits for each op, so its steps slow down.
     */
    public void startProfiling() {
        opTimes = new OpTimes(plan.ops().size());
        profiledTokens = 0;
        profiledOutputs = 0;
    }

    /**
     * Stops timing ops and returns where the steps since {@link #startProfiling()} spent their time.
     *
     * @throws IllegalStateException if profiling was not started
     */
    public OpProfile stopProfiling() {
        if (opTimes == null) {
            throw new IllegalStateException("profiling was not started");
        }
        OpProfile profile = OpProfile.of(plan.ops(), weights::nameOf, opTimes, profiledTokens, profiledOutputs);
        opTimes = null;
        return profile;
    }

    /** Copies the logits of output row {@code outputRow} of the last step into {@code into}. */
    public void readLogits(int outputRow, float[] into) {
        if (into.length != config.vocabSize()) {
            throw new IllegalArgumentException(
                    "logits of %d tokens into an array of %d".formatted(config.vocabSize(), into.length));
        }
        backend.read(pass.logits, (long) outputRow * config.vocabSize(), logitsStaging);
        MemorySegment.copy(logitsStaging, ValueLayout.JAVA_FLOAT, 0, into, 0, into.length);
    }

    /** The most likely next token of output row {@code outputRow} of the last step (first on ties). */
    public int argmax(int outputRow) {
        backend.read(inputs.argmax(), outputRow, intViews[1]);
        return intStaging.get(ValueLayout.JAVA_INT, 0);
    }

    /**
     * Locates where the last step first produced a NaN or infinity, by replaying its prefix up to
     * the residual stream after each candidate layer (a binary search: once non-finite, the residual
     * stream stays so). Replaying rewrites the step's keys and values with the same values. Costs a
     * few plan compilations and partial steps, and whatever private memory those plans hold until the
     * backend closes: meant for the failure path, not for every step.
     */
    public NonFiniteLogitsException locateNonFinite() {
        int tokens = lastStep.tokens();
        Step prefixStep = new Step(tokens, 0);
        int low = 0;
        int high = config.layerCount() + 1; // past every layer: the output head
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment residual = arena.allocate((long) tokens * config.hiddenSize() * Float.BYTES, 64);
            while (low < high) {
                int layers = (low + high) >>> 1;
                backend.compile(pass.residualOps(layers), prefixStep).run(prefixStep);
                backend.read(pass.x, 0, residual);
                if (allFinite(residual)) {
                    low = layers + 1;
                } else {
                    high = layers;
                }
            }
        }
        // low = how many residual states (embedding, then after each layer) stayed finite.
        return new NonFiniteLogitsException(low - 1, config.layerCount());
    }

    private static boolean allFinite(MemorySegment floats) {
        for (long i = 0; i < floats.byteSize(); i += Float.BYTES) {
            if (!Float.isFinite(floats.get(ValueLayout.JAVA_FLOAT, i))) {
                return false;
            }
        }
        return true;
    }

    /** Bytes the KV cache of one token takes in this runner. */
    public long cacheBytesPerToken() {
        return KvCaches.bytesPerToken(config, limits);
    }

    private void writeInts(Buffer target, int[] values, int count) {
        if (count == 0) {
            return;
        }
        MemorySegment.copy(values, 0, intStaging, ValueLayout.JAVA_INT, 0, count);
        backend.write(target, 0, intViews[count]);
    }

    /** Frees the runner's host staging memory; its device buffers go with the backend. */
    @Override
    public void close() {
        staging.close();
    }
}
