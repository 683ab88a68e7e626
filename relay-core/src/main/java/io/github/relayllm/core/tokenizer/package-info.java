/**
 * Tokenizers: {@link io.github.relayllm.core.tokenizer.Tokenizer} with its two kinds, byte-level BPE
 * (GPT-2, Llama 3, Qwen2/2.5/3) and SentencePiece-style BPE (Llama 2), built from a GGUF {@link
 * io.github.relayllm.core.tokenizer.Vocabulary} or a Hugging Face {@code tokenizer.json}; streaming
 * decoding; and the vocabulary-level pieces model files name (token types, the byte-level alphabet,
 * the pre-tokenizer catalogue, synthetic vocabularies, tokenizer files for the models Relay writes).
 *
 * <p>Ids match llama.cpp's on its tokenizer test vectors. How encoding works and where it knowingly
 * differs from llama.cpp or Hugging Face is written down in {@code docs/tokenizers.md}.
 */
package io.github.relayllm.core.tokenizer;
