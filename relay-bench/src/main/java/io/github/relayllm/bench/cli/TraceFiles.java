package io.github.relayllm.bench.cli;

import io.github.relayllm.core.relay.RelayTrace;
import io.github.relayllm.core.relay.TraceHtml;
import io.github.relayllm.core.relay.TraceJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a trace in the format its file name asks for: {@code .json}, else a self-contained HTML page. */
final class TraceFiles {
    private TraceFiles() {}

    static void write(RelayTrace trace, String title, Path file) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            TraceJson.write(trace, file);
        } else {
            TraceHtml.write(trace, title, file);
        }
    }
}
