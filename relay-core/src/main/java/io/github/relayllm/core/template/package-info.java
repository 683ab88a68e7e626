/**
 * Chat templates: a Jinja interpreter that renders a model's chat template byte for byte as
 * Hugging Face's {@code apply_chat_template} does with jinja2.
 *
 * <p>{@link io.github.relayllm.core.template.ChatTemplate} is the entry point. Inside, the pipeline
 * is {@code Lexer} (text to tokens, whitespace control applied) -> {@code Parser} and
 * {@code ExpressionParser} (tokens to a tree of {@code Statement} and {@code Expression} records)
 * -> {@code Interpreter} and {@code Evaluator} (the tree walked over a {@code Scope} chain, with
 * values modelled on Python's objects in {@code Value}).
 */
package io.github.relayllm.core.template;
