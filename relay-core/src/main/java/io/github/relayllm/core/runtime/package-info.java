/**
 * Running a model on a backend: its weights as backend buffers, the forward pass as a list of backend
 * ops (built once, replayed every step), and the model runner that feeds steps of token rows from any
 * number of sequences through it.
 */
package io.github.relayllm.core.runtime;
