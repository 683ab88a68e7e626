package io.github.relayllm.bench.eval.report;

import java.nio.file.Path;

/** A file in the run folder the report left out, and why (the command warns about each). */
public record SkippedFile(Path file, String reason) {}
