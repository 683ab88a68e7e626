/**
 * Reading and writing model files. {@code format.gguf} handles GGUF (llama.cpp's single-file format),
 * {@code format.hf} Hugging Face model directories (config.json and safetensors). Both report bad
 * input with {@link io.github.relayllm.core.format.ModelFormatException}, which names the file, the
 * field and the byte offset.
 */
package io.github.relayllm.core.format;
