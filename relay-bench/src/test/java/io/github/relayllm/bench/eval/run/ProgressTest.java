package io.github.relayllm.bench.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void rateAndEtaCountOnlyThisRunsRequests() {
        AtomicLong now = new AtomicLong();
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), "math500 relay", 10, 4, now::get);
        assertThat(progress.line(0)).isEqualTo("math500 relay 4/10  0.00 req/s  ETA --:--");
        now.set(1_000_000_000L);
        progress.step();
        now.set(2_000_000_000L);
        progress.step();
        // 2 fresh requests in 2 s: 1/s, 4 left.
        assertThat(progress.line(now.get())).isEqualTo("math500 relay 6/10  1.00 req/s  ETA 00:04");
        progress.finish();
        assertThat(text.toString()).startsWith("\r").endsWith(System.lineSeparator());
    }
}
