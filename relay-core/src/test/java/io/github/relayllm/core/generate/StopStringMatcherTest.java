package io.github.relayllm.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class StopStringMatcherTest {
    @Test
    void findsAStopStringSpanningPiecesAndKeepsItWhenAsked() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("</call>"), true);
        assertThat(matcher.push("I need help <call>30</ca")).isEqualTo("I need help <call>30");
        assertThat(matcher.stop()).isEmpty();
        assertThat(matcher.push("ll> and more")).isEqualTo("</call>");
        assertThat(matcher.stop()).contains("</call>");
        assertThat(matcher.push("ignored")).isEmpty();
    }

    @Test
    void dropsTheStopStringWhenNotKept() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("STOP"), false);
        assertThat(matcher.push("abcST")).isEqualTo("abc");
        assertThat(matcher.push("OPdef")).isEmpty();
        assertThat(matcher.stop()).contains("STOP");
    }

    @Test
    void releasesHeldTextOnceItCanNoLongerStartAStop() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("</call>"), true);
        assertThat(matcher.push("a <")).isEqualTo("a ");
        assertThat(matcher.push("b")).isEqualTo("<b");
        assertThat(matcher.push("</")).isEmpty();
        assertThat(matcher.flush()).isEqualTo("</");
    }

    @Test
    void theEarliestStopWins() {
        StopStringMatcher matcher = new StopStringMatcher(List.of("world", "lo"), false);
        assertThat(matcher.push("hello world")).isEqualTo("hel");
        assertThat(matcher.stop()).contains("lo");
    }

    @Test
    void rejectsEmptyStops() {
        assertThatThrownBy(() -> new StopStringMatcher(List.of(""), true)).hasMessageContaining("empty");
    }

    /** However text is cut into pieces, the output is the text up to (and with) the first stop. */
    @Property
    void outputDoesNotDependOnHowTheTextIsCut(@ForAll("texts") String text, @ForAll("cuts") List<Integer> cuts) {
        List<String> stops = List.of("</call>", "\n\n");
        String expected = reference(text, stops);
        StopStringMatcher matcher = new StopStringMatcher(stops, true);
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int cut : cuts) {
            int to = Math.min(text.length(), from + cut);
            out.append(matcher.push(text.substring(from, to)));
            from = to;
        }
        out.append(matcher.push(text.substring(from)));
        if (matcher.stop().isEmpty()) {
            out.append(matcher.flush());
        }
        assertThat(out.toString()).isEqualTo(expected);
    }

    private static String reference(String text, List<String> stops) {
        int earliest = -1;
        String found = null;
        for (String stop : stops) {
            int at = text.indexOf(stop);
            if (at >= 0 && (earliest < 0 || at < earliest)) {
                earliest = at;
                found = stop;
            }
        }
        return found == null ? text : text.substring(0, earliest + found.length());
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of("a", "<", "/", "call", ">", "</call>", "\n", "x", "</ca", "ll>")
                .list()
                .ofMaxSize(20)
                .map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 5).list().ofMaxSize(30);
    }
}
