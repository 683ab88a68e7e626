/**
 * The OpenCL backend: FFM bindings to OpenCL 1.2 ({@code ClApi}), device discovery ({@link
 * io.github.relayllm.kernels.opencl.OpenClDevices}), programs built from the OpenCL C sources next to
 * these classes, and one launch class per op. See {@code docs/kernels.md} for how each kernel maps
 * work-items to data.
 */
package io.github.relayllm.kernels.opencl;
