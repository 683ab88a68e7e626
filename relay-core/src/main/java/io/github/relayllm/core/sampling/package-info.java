/**
 * Choosing the next token: {@link io.github.relayllm.core.sampling.SamplingParams} (temperature,
 * top-k, top-p, min-p, penalties, logit bias, seed), {@link io.github.relayllm.core.sampling.Sampler}
 * (llama.cpp's default chain, allocation-free per token), the {@link
 * io.github.relayllm.core.sampling.LogitProcessor} hook, and the seeded generator {@link
 * io.github.relayllm.core.sampling.Xoshiro256StarStar}. Host-side only: it reads logits the runner
 * copied back from the device. Design notes and figures are in {@code docs/runtime.md}.
 */
package io.github.relayllm.core.sampling;
