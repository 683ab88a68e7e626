package io.github.relayllm.core.model;

import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;

/**
 * One tensor as a model file lists it: its name in that file's naming, dtype, shape (outermost
 * first) and size in bytes. What {@code relay info} prints.
 */
public record TensorEntry(String name, DType dtype, Shape shape, long bytes) {}
