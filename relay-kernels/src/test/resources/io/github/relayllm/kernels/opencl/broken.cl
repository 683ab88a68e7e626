// A kernel that does not compile, for OpenClBackendTest: the build log must reach the exception.
kernel void broken(global float* x) {
    x[0] = undeclared_identifier_in_broken_cl;
}
