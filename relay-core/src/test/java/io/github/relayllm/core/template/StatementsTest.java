package io.github.relayllm.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The block tags and their scoping, each expectation checked against Python jinja2 3.1.6. */
class StatementsTest {
    private static String render(String template) {
        return render(template, Map.of());
    }

    private static String render(String template, Map<String, ?> variables) {
        return ChatTemplate.compile(template).render(variables);
    }

    @Test
    void ifTakesTheFirstTrueBranch() {
        assertThat(render("{% for x in [1, 2, 3] %}{% if x == 1 %}one{% elif x == 2 %}two{% else %}many{% endif %} "
                        + "{% endfor %}"))
                .isEqualTo("one two many ");
    }

    @Test
    void loopVariableDescribesTheIteration() {
        assertThat(render("{% for i in 'abc' %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}"
                        + "{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.cycle('x', 'y') }}"
                        + "[{{ loop.previtem }}|{{ loop.nextitem }}];{% endfor %}"))
                .isEqualTo("1032TrueFalse3x[|b];2121FalseFalse3y[a|c];3210FalseTrue3x[b|];");
    }

    @Test
    void loopFilterRunsBeforeCountingAndElseRunsWhenNothingIsVisited() {
        assertThat(render("{% for x in [1, 2, 3] if x > 1 %}{{ loop.index }}/{{ loop.length }} {% endfor %}"))
                .isEqualTo("1/2 2/2 ");
        assertThat(render("{% for x in [] %}x{% else %}empty{% endfor %}")).isEqualTo("empty");
        assertThat(render("{% for x in missing %}x{% else %}undefined is empty{% endfor %}"))
                .isEqualTo("undefined is empty");
    }

    @Test
    void loopTargetsUnpackTuples() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("a", 1);
        d.put("b", 2);
        assertThat(render("{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}", Map.of("d", d)))
                .isEqualTo("a=1;b=2;");
        assertThat(render("{% for a, (b, c) in [(1, (2, 3))] %}{{ a }}{{ b }}{{ c }}{% endfor %}"))
                .isEqualTo("123");
    }

    @Test
    void breakAndContinueControlTheInnermostLoop() {
        assertThat(render("{% for x in [1, 2, 3, 4] %}{% if x == 2 %}{% continue %}{% endif %}{{ x }}"
                        + "{% if x == 3 %}{% break %}{% endif %}{% endfor %}"))
                .isEqualTo("13");
        assertThat(render(
                        "{% for a in [1, 2] %}{% for b in 'xyz' %}{% if b == 'y' %}{% break %}{% endif %}{{ a }}{{ b }}"
                                + "{% endfor %};{% endfor %}"))
                .isEqualTo("1x;2x;");
    }

    @Test
    void assignmentsInALoopLastOneIterationAndReadTheOuterValueUntilThen() {
        assertThat(render("{% set x = 1 %}{% for i in [1, 2] %}{{ x }}{% set x = x + 5 %}{{ x }},{% endfor %}{{ x }}"))
                .isEqualTo("16,16,1");
        assertThat(render("{% for i in [1, 2] %}{% if i == 1 %}{% set x = 'a' %}{% endif %}[{{ x }}]{% endfor %}"))
                .isEqualTo("[a][]");
    }

    @Test
    void namespacesCarryStateOutOfLoops() {
        assertThat(render(
                        "{% set ns = namespace(total=0, last=none) %}{% for x in [1, 2, 3] %}{% set ns.total = ns.total + x %}"
                                + "{% set ns.last = x %}{% endfor %}{{ ns.total }} {{ ns.last }}"))
                .isEqualTo("6 3");
        assertThat(render("{% set ns = namespace({'a': 1}, b=2) %}{{ ns.a }}{{ ns.b }} {{ ns }}"))
                .isEqualTo("12 <Namespace {'a': 1, 'b': 2}>");
    }

    @Test
    void setAssignsTuplesBlocksAndFilteredBlocks() {
        assertThat(render("{% set a, b = 1, 2 %}{{ a }}{{ b }}{% set t = 3, 4 %}{{ t }}"))
                .isEqualTo("12(3, 4)");
        assertThat(render("{% set s %}hi {{ 1 + 1 }}{% endset %}[{{ s }}]")).isEqualTo("[hi 2]");
        assertThat(render("{% set u | upper | replace('P', 'p') %}up{% endset %}{{ u }}"))
                .isEqualTo("Up");
        assertThat(render("{% set x %}{% set y = 1 %}{{ y }}{% endset %}{{ x }}[{{ y }}]"))
                .isEqualTo("1[]");
    }

    @Test
    void ifDoesNotOpenAScope() {
        assertThat(render("{% if true %}{% set x = 5 %}{% endif %}{{ x }}")).isEqualTo("5");
    }

    @Test
    void macrosTakeDefaultsAndLeaveMissingArgumentsUndefined() {
        assertThat(render("{% macro m(a, b='x') %}<{{ a }}{{ b }}{{ a is defined }}>{% endmacro %}"
                        + "{{ m(1) }}{{ m(1, b=2) }}{{ m(b=3, a=4) }}{{ m() }}"))
                .isEqualTo("<1xTrue><12True><43True><xFalse>");
        assertThat(render("{% macro m(a, b=a * 2) %}{{ b }}{% endmacro %}{{ m(3) }}"))
                .isEqualTo("6");
    }

    @Test
    void macrosCollectExtraArgumentsOnlyWhenTheyReadVarargsOrKwargs() {
        assertThat(render("{% macro m(a) %}{{ a }}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1, 2, 3, k=4) }}"))
                .isEqualTo("1(2, 3){'k': 4}");
    }

    @Test
    void macrosSeeTheVariablesOfTheirDefiningScopeAtCallTime() {
        assertThat(render("{% macro m() %}{{ x }}{% endmacro %}{% set x = 1 %}{{ m() }}{% set x = 2 %}{{ m() }}"))
                .isEqualTo("12");
    }

    @Test
    void callBlocksPassTheirBodyAsCaller() {
        assertThat(
                        render(
                                "{% macro m(x) %}[{{ caller(x + 1) }}]{% endmacro %}{% call(y) m(1) %}got {{ y }}{% endcall %}"))
                .isEqualTo("[got 2]");
    }

    @Test
    void filterWithAndGenerationBlocks() {
        assertThat(render("{% filter trim | title %}  hello world  {% endfilter %}"))
                .isEqualTo("Hello World");
        assertThat(render("{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}[{{ a }}]"))
                .isEqualTo("3[]");
        assertThat(render("{% generation %}{% set y = 3 %}{{ y }}{% endgeneration %}[{{ y }}]"))
                .isEqualTo("3[]");
    }

    @Test
    void rendersChatShapedInput() {
        List<Map<String, Object>> messages = List.of(
                Map.of("role", "system", "content", "Be brief."),
                Map.of("role", "user", "content", " Hi "),
                Map.of("role", "assistant", "content", "Hello!"));
        assertThat(render(
                        "{% if messages[0]['role'] == 'system' %}{% set sys = messages[0]['content'] %}"
                                + "{% set rest = messages[1:] %}{% endif %}[{{ sys }}]"
                                + "{% for m in rest %}{{ m.role[0]|upper }}:{{ m.content|trim }} {% endfor %}",
                        Map.of("messages", messages)))
                .isEqualTo("[Be brief.]U:Hi A:Hello! ");
    }
}
