package io.github.relayllm.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Comparator;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the data, {@code tojson} writes JSON that a JSON parser reads back to the same data. */
class TojsonPropertyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ChatTemplate TOJSON = ChatTemplate.compile("{{ data|tojson }}");
    private static final ChatTemplate TOJSON_INDENTED = ChatTemplate.compile("{{ data|tojson(indent=2) }}");
    private static final ChatTemplate TOJSON_ASCII = ChatTemplate.compile("{{ data|tojson(ensure_ascii=true) }}");

    /** Numbers compare by value: the data's Long 5 is the JSON's int 5. */
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    @Property(tries = 300)
    void tojsonReadsBackToTheSameData(@ForAll("jsonData") Object data) throws IOException {
        JsonNode expected = JSON.valueToTree(data);
        for (ChatTemplate template : new ChatTemplate[] {TOJSON, TOJSON_INDENTED, TOJSON_ASCII}) {
            JsonNode parsed = JSON.readTree(template.render(Map.of("data", data == null ? JSON.nullNode() : data)));
            assertThat(expected.equals(NUMBERS_BY_VALUE, parsed))
                    .as("%s", parsed)
                    .isTrue();
            // Key order survives too: Python dicts keep insertion order, and so does tojson.
            assertThat(JSON.writeValueAsString(parsed)).isEqualTo(JSON.writeValueAsString(expected));
        }
    }

    @Property(tries = 200)
    void asciiModeWritesOnlyPrintableAscii(@ForAll("text") String text) {
        String json = TOJSON_ASCII.render(Map.of("data", text));
        assertThat(json.chars()).allMatch(c -> c >= 0x20 && c < 0x7F);
    }

    @Provide
    Arbitrary<Object> jsonData() {
        return Arbitraries.recursive(this::leaf, this::container, 0, 3);
    }

    private Arbitrary<Object> leaf() {
        return Arbitraries.oneOf(
                        text().map(Object.class::cast),
                        Arbitraries.longs().map(Object.class::cast),
                        Arbitraries.doubles().map(Object.class::cast),
                        Arbitraries.of(true, false).map(Object.class::cast))
                .injectNull(0.05);
    }

    private Arbitrary<Object> container(Arbitrary<Object> element) {
        return Arbitraries.oneOf(
                element.list().ofMaxSize(4).map(Object.class::cast),
                Arbitraries.maps(text(), element).ofMaxSize(4).map(Object.class::cast));
    }

    /** Text with quotes, backslashes, control characters, newlines, accents, CJK and astral emoji. */
    @Provide
    Arbitrary<String> text() {
        Arbitrary<String> plain = Arbitraries.strings()
                .withChars("\"\\/'\n\r\t\b\f")
                .withCharRange('\u0000', '\u001f')
                .withCharRange(' ', '~')
                .withCharRange('\u007f', '\u00ff')
                .withCharRange('\u4e00', '\u4e20')
                .ofMaxLength(12);
        return Combinators.combine(plain, Arbitraries.of("", "🙂", "𝄞", "\u2028"), plain)
                .as((a, b, c) -> a + b + c);
    }
}
