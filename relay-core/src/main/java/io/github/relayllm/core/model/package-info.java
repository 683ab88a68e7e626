/**
 * What a model is, independent of the file it came from: {@link
 * io.github.relayllm.core.model.ModelConfig} (one record for every family), the weight naming
 * scheme shared by GGUF and Hugging Face files ({@link io.github.relayllm.core.model.WeightName}),
 * the list of weights a configuration implies ({@link io.github.relayllm.core.model.WeightSchema}),
 * named shapes of published models, and deterministic random weights.
 */
package io.github.relayllm.core.model;
