/**
 * The optional second-stage judge of an evaluation, like the RelayLLM paper's recheck: every answer
 * the rule-based grader marks wrong is shown, with its question and gold answer, to a judge model at
 * an OpenAI-compatible {@code /v1/chat/completions} endpoint, whose one-word verdict goes into the
 * line's {@code judge_correct}. Off unless asked for; the grader's {@code correct} is never changed.
 */
package io.github.relayllm.bench.eval.judge;
