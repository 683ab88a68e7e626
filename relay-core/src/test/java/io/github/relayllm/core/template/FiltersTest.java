package io.github.relayllm.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Filters with jinja2's semantics, each expectation checked against Python jinja2 3.1.6. */
class FiltersTest {
    private static String render(String template) {
        return render(template, Map.of());
    }

    private static String render(String template, Map<String, ?> variables) {
        return ChatTemplate.compile(template).render(variables);
    }

    @Test
    void defaultReplacesUndefinedAndWithTheBooleanFlagAnyFalseValue() {
        assertThat(render(
                        "{{ u|default('d') }} {{ none|default('d') }} {{ none|default('d', true) }} {{ 0|d('z', true) }} "
                                + "{{ false|default('d') }} [{{ u|default }}]"))
                .isEqualTo("d None d z False []");
    }

    @Test
    void tojsonWritesPythonsJsonDumpsWithoutEscapingUnicode() throws IOException {
        Map<?, ?> data = new ObjectMapper()
                .readValue(
                        "{\"a\": [1, 2.5, null, true, \"é\\n\\\"\\\\/\\u0001\\t\"], \"b\": {}, \"c\": [], \"🙂\": 1e20}",
                        Map.class);
        assertThat(render("{{ d|tojson }}", Map.of("d", data)))
                .isEqualTo(
                        "{\"a\": [1, 2.5, null, true, \"é\\n\\\"\\\\/\\u0001\\t\"], \"b\": {}, \"c\": [], \"🙂\": 1e+20}");
        assertThat(render("{{ {'b': [1, {'c': 'é'}], 'a': 1.5e-7, 'z': none}|tojson }}"))
                .isEqualTo("{\"b\": [1, {\"c\": \"é\"}], \"a\": 1.5e-07, \"z\": null}");
    }

    @Test
    void tojsonAcceptsHuggingFacesOptions() {
        String data = "{'b': 'é', 'a': [1, {'c': []}]}";
        assertThat(render("{{ " + data + "|tojson(indent=2) }}"))
                .isEqualTo("{\n  \"b\": \"é\",\n  \"a\": [\n    1,\n    {\n      \"c\": []\n    }\n  ]\n}");
        assertThat(render("{{ " + data + "|tojson(sort_keys=true) }}"))
                .isEqualTo("{\"a\": [1, {\"c\": []}], \"b\": \"é\"}");
        assertThat(render("{{ " + data + "|tojson(separators=(',', ':')) }}"))
                .isEqualTo("{\"b\":\"é\",\"a\":[1,{\"c\":[]}]}");
        assertThat(render("{{ " + data + "|tojson(ensure_ascii=true) }}"))
                .isEqualTo("{\"b\": \"\\u00e9\", \"a\": [1, {\"c\": []}]}");
        // Hugging Face's tojson takes ensure_ascii first, so a bare 4 is not an indent.
        assertThat(render("{{ {'a': 1}|tojson(4) }}")).isEqualTo("{\"a\": 1}");
    }

    @Test
    void tojsonRefusesUndefined() {
        assertThatThrownBy(() -> render("{{ u|tojson }}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageEndingWith("Object of type Undefined is not JSON serializable");
    }

    @Test
    void escapeReallyEscapesAndMarksTheResultSafe() {
        assertThat(render("{{ \"<a href='x'>\\\"&\"|e }}")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&#34;&amp;");
        // Markup escapes what is added to it; ~ joins plain strings; safe text is not escaped twice.
        assertThat(render("{{ ('<'|e) + '<' }} {{ '<' + ('<'|safe) }} {{ ('<'|e) ~ '<' }} {{ '<b>'|safe|e }}"))
                .isEqualTo("&lt;&lt; &lt;< &lt;< <b>");
    }

    @Test
    void textFilters() {
        assertThat(render("{{ '  x  '|trim }}|{{ 'xxaxx'|trim('x') }}|{{ 'aaa'|replace('a', 'b', 2) }}|"
                        + "{{ 'hello wORLD-foo (bar)'|title }}|{{ 'hello wORLD'|capitalize }}|{{ 'straße'|upper }}|"
                        + "{{ 'ab'|center(6) }}|{{ 3|string ~ 4 }}"))
                .isEqualTo("x|a|bba|Hello World-Foo (Bar)|Hello world|STRASSE|  ab  |34");
    }

    @Test
    void indentIndentsAllButTheFirstAndBlankLines() {
        assertThat(render(
                        "{{ 'a\\nb\\n\\nc'|indent }}|{{ 'a\\nb'|indent(2, true) }}|{{ 'a\\n\\nb'|indent(2, blank=true) }}|"
                                + "{{ 'x\\ny'|indent('> ') }}"))
                .isEqualTo("a\n    b\n\n    c|  a\n  b|a\n  \n  b|x\n> y");
    }

    @Test
    void sequenceFilters() {
        assertThat(
                        render(
                                "{{ ['b', 'A', 'a', 'B']|sort }} {{ [3, 1]|sort(true) }} {{ ['a', 'A', 'b', 1, 1.0]|unique|list }} "
                                        + "{{ 'abc'|list }} {{ [1, 2]|first }} {{ 'ab'|last }} {{ [1, 2]|reverse|list }} {{ [1, none]|join('-') }} "
                                        + "{{ [1, 2, 3, 4, 5]|batch(2)|list }} {{ [1, 2, 3]|sum }} {{ ['b', 'A']|min }} {{ {'b': 1, 'a': 2}|dictsort }}"))
                .isEqualTo("['A', 'a', 'b', 'B'] [3, 1] ['a', 'b', 1] ['a', 'b', 'c'] 1 b [2, 1] 1-None "
                        + "[[1, 2], [3, 4], [5]] 6 A [('a', 2), ('b', 1)]");
    }

    @Test
    void mapSelectAndRejectTakeAttributesFiltersAndTests() {
        List<Map<String, Object>> items = List.of(Map.of("n", 2), Map.of("x", 1));
        assertThat(render(
                        "{{ l|map(attribute='x')|list }} {{ l|map(attribute='x', default=0)|list }} "
                                + "{{ ['a', 'b']|map('upper')|join(',') }} {{ l|selectattr('x')|list }} "
                                + "{{ l|rejectattr('x')|list }} {{ l|selectattr('n', 'equalto', 2)|list }} "
                                + "{{ [1, 2, 3, 4]|select('odd')|list }} {{ [1, 2, 3]|reject('gt', 1)|list }}",
                        Map.of("l", items)))
                .isEqualTo("[Undefined, 1] [0, 1] A,B [{'x': 1}] [{'n': 2}] [{'n': 2}] [1, 3] [1]");
    }

    @Test
    void numericFilters() {
        assertThat(render("{{ '42'|int }} {{ '4.7'|int }} {{ 'x'|int(5) }} {{ 4.7|int }} {{ '0x1A'|int(base=16) }} "
                        + "{{ '4.5'|float }} {{ 'x'|float }} {{ -3|abs }} {{ 2.5|round }} {{ 2.675|round(2) }} {{ 3|round }} "
                        + "{{ 3.14159|round(2, 'floor') }} {{ 1234.5|round(-2) }}"))
                .isEqualTo("42 4 5 4 26 4.5 0.0 3 2.0 2.67 3 3.14 1200.0");
    }

    @Test
    void itemsAndLengthWorkOnUndefinedAsOnEmpty() {
        assertThat(render("{{ {'a': 1}|items|list }} {{ u|items|list }} {{ u|length }} {{ 'héllo'|count }}"))
                .isEqualTo("[('a', 1)] [] 0 5");
    }

    @Test
    void unknownFiltersFailAtCompileTime() {
        assertThatThrownBy(() -> ChatTemplate.compile("line one\n{{ x|keys }}"))
                .isInstanceOfSatisfying(TemplateException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TemplateException.Kind.SYNTAX);
                    assertThat(e.line()).isEqualTo(2);
                })
                .hasMessageEndingWith("unknown filter 'keys'");
    }
}
