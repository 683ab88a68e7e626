/**
 * Tokenizers: byte-level BPE (GPT-2, Llama 3, Qwen) and SentencePiece-style BPE (Llama 2), their
 * pre-tokenizers, and streaming decoding. Today it holds the pre-tokenizer catalogue that model files
 * name; the tokenizers themselves come with the tokenizer issue.
 */
package io.github.relayllm.core.tokenizer;
