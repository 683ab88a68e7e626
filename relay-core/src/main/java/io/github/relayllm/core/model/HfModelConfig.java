package io.github.relayllm.core.model;

import io.github.relayllm.core.format.ModelFormatException;
import io.github.relayllm.core.format.hf.HfConfig;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a Hugging Face {@code config.json} into a {@link ModelConfig}, adding what the file leaves
 * to the model class: Qwen2 always has a Q/K/V bias, Qwen3 always normalizes q and k per head, and
 * every Hugging Face checkpoint pairs RoPE dimensions NeoX-style (i, i + head_dim/2).
 */
final class HfModelConfig {
    private HfModelConfig() {}

    /**
     * @param extraEosIds end-of-generation ids from {@code generation_config.json}, added to the
     *     config's own
     */
    static ModelConfig read(HfConfig hf, Path configFile, List<Integer> extraEosIds) {
        String source = configFile.toString();
        Architecture architecture = Architecture.fromId(hf.modelType())
                .orElseThrow(() -> new ModelFormatException(
                        source,
                        "model_type",
                        ModelFormatException.UNKNOWN_OFFSET,
                        "unsupported model_type '%s' (Relay runs llama, qwen2, qwen3)".formatted(hf.modelType())));
        Set<Integer> eos = new LinkedHashSet<>(hf.eosTokenIds());
        eos.addAll(extraEosIds);
        try {
            return ModelConfig.builder(architecture)
                    .vocabSize(hf.vocabSize())
                    .hiddenSize(hf.hiddenSize())
                    .layerCount(hf.numHiddenLayers())
                    .heads(hf.numAttentionHeads(), hf.numKeyValueHeads())
                    .headDim(hf.headDim())
                    .ffnSize(hf.intermediateSize())
                    .ropeTheta(hf.ropeTheta())
                    .ropeScaling(ropeScaling(hf, source))
                    .ropePairing(RopePairing.NEOX)
                    .normEps(hf.rmsNormEps())
                    .tiedEmbeddings(hf.tieWordEmbeddings())
                    .qkvBias(architecture.hasQkvBias() || hf.attentionBias())
                    .qkNorm(architecture.hasQkNorm())
                    .contextLength(hf.maxPositionEmbeddings())
                    .bosId(hf.bosTokenId())
                    .eosIds(List.copyOf(eos))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(
                    source, "config.json", ModelFormatException.UNKNOWN_OFFSET, e.getMessage(), e);
        }
    }

    private static RopeScaling ropeScaling(HfConfig hf, String source) {
        if (hf.ropeScaling().isEmpty()) {
            return new RopeScaling.None();
        }
        var scaling = hf.ropeScaling().get();
        return switch (scaling.type()) {
            case "linear" -> new RopeScaling.Linear(scaling.factor().orElseThrow());
            case io.github.relayllm.core.format.hf.RopeScaling.LLAMA3 ->
                new RopeScaling.Llama3(
                        scaling.factor().orElseThrow(),
                        scaling.lowFreqFactor().orElseThrow(),
                        scaling.highFreqFactor().orElseThrow(),
                        scaling.originalMaxPositionEmbeddings().orElseThrow());
            default ->
                throw new ModelFormatException(
                        source,
                        "rope_scaling.rope_type",
                        ModelFormatException.UNKNOWN_OFFSET,
                        "unsupported rope scaling '%s' (Relay supports linear and llama3)".formatted(scaling.type()));
        };
    }
}
