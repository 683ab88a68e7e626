package io.github.relayllm.kernels.opencl;

import java.util.List;

/**
 * A program to build: OpenCL C resource files (next to this class) concatenated in order, and the
 * {@code -D} defines that specialise them (a weight dtype, a cache dtype). The device-dependent
 * build options are added by {@link ClPrograms}.
 *
 * @param files resource names, as {@code "common.cl"}
 * @param defines preprocessor definitions without {@code -D}, as {@code "WEIGHT_Q8_0"}
 */
record ClProgramSource(List<String> files, List<String> defines) {
    ClProgramSource {
        files = List.copyOf(files);
        defines = List.copyOf(defines);
    }

    /** The defines as build options. */
    String options() {
        StringBuilder options = new StringBuilder();
        for (String define : defines) {
            options.append(" -D").append(define);
        }
        return options.toString();
    }

    @Override
    public String toString() {
        return files + (defines.isEmpty() ? "" : " with " + defines);
    }
}
