/**
 * Many requests, one thread stepping the models: {@link io.github.relayllm.core.batch.StepScheduler}
 * runs on the thread that loaded the models and executes the steps that requests on other threads
 * ask of their {@link io.github.relayllm.core.batch.ScheduledSession}s, gathering the decodes of one
 * model into one batched step. It decides when and with whom a sequence is stepped, and preempts a
 * sequence (its positions recomputed later) when the KV cache runs out; the runner computes and
 * {@code core.kv} places (vLLM's split of scheduler, block manager and model runner).
 */
package io.github.relayllm.core.batch;
