/**
 * GGUF, llama.cpp's single-file model format (versions 2 and 3): a reader that maps the file into
 * memory and hands out tensors without copying, and a writer for metadata and tensors.
 */
package io.github.relayllm.core.format.gguf;
