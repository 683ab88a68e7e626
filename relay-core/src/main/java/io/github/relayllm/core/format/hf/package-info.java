/**
 * Hugging Face model directories: {@code config.json}, {@code *.safetensors} (single or sharded
 * through {@code model.safetensors.index.json}), and the tokenizer files beside them.
 */
package io.github.relayllm.core.format.hf;
