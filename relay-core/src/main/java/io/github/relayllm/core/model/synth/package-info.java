/**
 * Writing models: a configuration, a vocabulary and weight values become a GGUF file or a Hugging
 * Face directory. {@link io.github.relayllm.core.model.synth.RandomModel} (what {@code relay synth}
 * and the tests use) fills them with deterministic random weights, identical in both formats for the
 * same seed.
 */
package io.github.relayllm.core.model.synth;
