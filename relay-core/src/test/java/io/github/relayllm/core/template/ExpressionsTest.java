package io.github.relayllm.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expressions with Python's semantics, each expectation checked against Python jinja2 3.1.6. */
class ExpressionsTest {
    private static String render(String template) {
        return render(template, Map.of());
    }

    private static String render(String template, Map<String, ?> variables) {
        return ChatTemplate.compile(template).render(variables);
    }

    @Test
    void printsValuesAsPythonsStr() {
        assertThat(render("{{ none }} {{ True }} {{ false }} {{ 42 }} {{ 3.0 }} {{ 'text' }}"))
                .isEqualTo("None True False 42 3.0 text");
        assertThat(render("{{ [1, 'a', none, true, 1.5, (1,), {'k': [2]}, ()] }}"))
                .isEqualTo("[1, 'a', None, True, 1.5, (1,), {'k': [2]}, ()]");
        assertThat(render("{{ [\"it's\", 'say \"hi\"', '\\n\\t\\\\', 'é🙂', '\\x7f'] }}"))
                .isEqualTo("[\"it's\", 'say \"hi\"', '\\n\\t\\\\', 'é🙂', '\\x7f']");
    }

    @Test
    void printsFloatsAsPythonsRepr() {
        assertThat(
                        render(
                                "{{ 0.1 + 0.2 }} {{ 1e16 }} {{ 1e15 }} {{ 1.0e-4 }} {{ 1e-5 }} {{ -0.0 }} {{ 1/7 }} {{ 1e22 }}"))
                .isEqualTo("0.30000000000000004 1e+16 1000000000000000.0 0.0001 1e-05 -0.0 0.14285714285714285 1e+22");
    }

    @Test
    void arithmeticFollowsPython() {
        assertThat(render("{{ 10 / 4 }} {{ 10 // 4 }} {{ -10 // 4 }} {{ 10 % -3 }} {{ -7 % 3 }} {{ 2 ** -1 }} "
                        + "{{ 7.0 // 2 }} {{ -7.5 % 2 }} {{ true + true }} {{ 3 * 'ab' }} {{ [1] * 2 }} {{ 10 / 2 }}"))
                .isEqualTo("2.5 2 -3 -2 2 0.5 3.0 0.5 2 ababab [1, 1] 5.0");
    }

    @Test
    void precedenceAndAssociativityFollowJinja2() {
        // jinja2 makes ** left-associative and binds unary minus tighter than it.
        assertThat(
                        render(
                                "{{ 2 ** 3 ** 2 }} {{ -2 ** 2 }} {{ 1 + 2 * 3 }} {{ 2 * 3 ~ 4 }} {{ -1|abs }} {{ not 1 == 2 }}"))
                .isEqualTo("64 4 7 64 1 True");
    }

    @Test
    void concatenationStringifiesBothSides() {
        assertThat(render("{{ 1 ~ 2.0 ~ none ~ true ~ missing }}|{{ 'a' + 'b' }}|{{ [1] + [2] }}"))
                .isEqualTo("12.0NoneTrue|ab|[1, 2]");
    }

    @Test
    void comparisonsChainAndCompareAcrossNumericTypes() {
        assertThat(render("{{ 1 == 1.0 }} {{ true == 1 }} {{ (1,) == [1] }} {{ 1 < 2 < 3 }} {{ 3 > 2 > 2 }} "
                        + "{{ 'b' > 'a' }} {{ [1, 2] < [1, 3] }}"))
                .isEqualTo("True True False True False True True");
    }

    @Test
    void membershipWorksOnStringsSequencesAndMappings() {
        assertThat(
                        render(
                                "{{ 'b' in 'abc' }} {{ 2 in [1, 2] }} {{ 'k' in {'k': 1} }} {{ 3 not in [1] }} {{ 'a' in missing }}"))
                .isEqualTo("True True True True False");
    }

    @Test
    void logicalOperatorsReturnAnOperand() {
        assertThat(render("{{ 1 and 2 }} {{ 0 or 'x' }} {{ none or [] }} {{ not none }} [{{ '' and missing }}]"))
                .isEqualTo("2 x [] True []");
    }

    @Test
    void conditionalExpressionWithoutElseIsUndefined() {
        assertThat(render("{{ 'y' if 0 else 'n' }} [{{ 'y' if false }}] {{ 'a' if false else 'b' if true else 'c' }}"))
                .isEqualTo("n [] b");
    }

    @Test
    void slicingFollowsPythonIncludingNegativeSteps() {
        assertThat(render("{{ 'abc'[::-1] }} {{ [1, 2, 3][1:] }} {{ 'hello'[1:-1] }} {{ [1, 2, 3, 4, 5][4:0:-2] }} "
                        + "{{ [1, 2, 3][-10:10] }} {{ (1, 2, 3)[1:] }} {{ [1, 2, 3][5:] }}"))
                .isEqualTo("cba [2, 3] ell [5, 3] [1, 2, 3] (2, 3) []");
    }

    @Test
    void stringsAreSequencesOfCodePoints() {
        assertThat(render("{{ 'héllo🙂'|length }} {{ 'a🙂b'[1] }} {{ 'héllo🙂'[-2:] }} {{ 'h🙂llo'.find('l') }}"))
                .isEqualTo("6 🙂 o🙂 2");
    }

    @Test
    void attributesFallBackToItemsAndItemsToAttributes() {
        Map<String, Object> variables =
                Map.of("m", Map.of("role", "user"), "l", List.of(10, 20), "d", Map.of("items", 1));
        assertThat(render(
                        "{{ m.role }} {{ m['role'] }} {{ l[-1] }} {{ l.1 }} [{{ m.missing }}] [{{ l[5] }}]", variables))
                .isEqualTo("user user 20 20 [] []");
        // Python attributes win over keys: d.items is the method, d['items'] the value.
        assertThat(render("{{ d.items()|list }} {{ d['items'] }}", variables)).isEqualTo("[('items', 1)] 1");
    }

    @Test
    void stringMethodsFollowPython() {
        assertThat(render("{{ 'a,b,,c'.split(',') }} {{ ' a  b '.split() }} {{ 'a b c'.split(none, 1) }} "
                        + "{{ 'a,b,c'.rsplit(',', 1) }} {{ 'xxhixx'.strip('x') }} {{ '\\n\\nhi'.lstrip('\\n') }} "
                        + "{{ 'hello'.startswith(('x', 'he')) }} {{ 'aaa'.replace('a', 'b', 1) }} {{ \"they're\".title() }} "
                        + "{{ '{} {name}'.format(1, name='n') }}"))
                .isEqualTo("['a', 'b', '', 'c'] ['a', 'b'] ['a', 'b c'] ['a,b', 'c'] hi hi True baa They'Re 1 n");
    }

    @Test
    void testsFollowJinja2Definitions() {
        assertThat(render("{{ {} is mapping }}{{ 's' is sequence }}{{ true is number }}{{ true is integer }}"
                        + "{{ 1.0 is float }}{{ none is none }}{{ 1 is boolean }}{{ 4 is divisibleby 2 }}{{ 3 is odd }}"
                        + "{{ 2.0 is even }}{{ 1 is eq 1.0 }}{{ 2 is gt 1 }}{{ 2 is in [1, 2] }}{{ 1 is not none }}"))
                .isEqualTo("TrueTrueTrueFalseTrueTrueFalseTrueTrueTrueTrueTrueTrueTrue");
    }

    @Test
    void undefinedPrintsNothingIteratesEmptyAndIsFalse() {
        assertThat(render("[{{ u }}]{% for x in u %}x{% endfor %}{{ u is defined }}{{ u is undefined }}"
                        + "{{ u|length }}{{ not u }}{{ u is sequence }}{{ u is mapping }}{{ u == u }}"))
                .isEqualTo("[]FalseTrue0TrueTrueFalseTrue");
    }

    @Test
    void aMissingKeyIsUndefinedButNoneIsNot() {
        assertThat(render(
                        "{{ m.content is defined }} {{ m.content is none }} {{ m.other is defined }} {{ none.x is defined }}",
                        Map.of("m", java.util.Collections.singletonMap("content", null))))
                .isEqualTo("True True False False");
    }

    @Test
    void usingAnUndefinedValueIsAnError() {
        for (String use :
                List.of("{{ u.attr }}", "{{ u() }}", "{{ u + 1 }}", "{{ u < 1 }}", "{{ u[0] }}", "{{ m.x.strip() }}")) {
            assertThatThrownBy(() -> render(use, Map.of("m", Map.of())))
                    .as(use)
                    .isInstanceOfSatisfying(
                            TemplateException.class, e -> assertThat(e.kind()).isEqualTo(TemplateException.Kind.RENDER))
                    .hasMessageMatching(".*('u' is undefined|'dict object' has no attribute 'x')");
        }
    }

    @Test
    void globalsBuildRangesDictsAndNamespaces() {
        assertThat(render("{{ range(3)|list }} {{ range(5, 0, -2)|list }} {{ dict(a=1, b=2) }}"))
                .isEqualTo("[0, 1, 2] [5, 3, 1] {'a': 1, 'b': 2}");
    }

    @Test
    void theSandboxRefusesMutatingMethods() {
        assertThatThrownBy(() -> render("{{ [].append(1) }}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageEndingWith("access to attribute 'append' of 'list' object is unsafe");
    }
}
