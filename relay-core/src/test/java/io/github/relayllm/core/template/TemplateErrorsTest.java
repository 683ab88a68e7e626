package io.github.relayllm.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every failure is a {@link TemplateException} that points at the template line (and column). */
class TemplateErrorsTest {
    private static TemplateException failure(String template, Map<String, ?> variables) {
        try {
            ChatTemplate.compile(template).render(variables);
        } catch (TemplateException e) {
            return e;
        }
        throw new AssertionError("no TemplateException for " + template);
    }

    @Test
    void unclosedBlockPointsAtItsOpeningTag() {
        TemplateException e = failure("intro\n{% for m in messages %}\n  {{ m }}\n", Map.of());
        assertThat(e.kind()).isEqualTo(TemplateException.Kind.SYNTAX);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage())
                .isEqualTo("chat template line 2, column 1: 'for' block is never closed: the template ends while"
                        + " expecting 'else' or 'endfor'");
    }

    @Test
    void endTagOfTheWrongBlockNamesTheBlockStillOpen() {
        TemplateException e = failure("{% for m in x %}\n{% if m %}\nx\n{% endfor %}", Map.of());
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.problem())
                .isEqualTo("unexpected 'endfor'; the 'if' block opened on line 2, column 1 is still open and expects"
                        + " 'elif' or 'else' or 'endif'");
    }

    @Test
    void unknownTagIsReportedWhereItIs() {
        TemplateException e = failure("a\nb\n  {% frobnicate x %}", Map.of());
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(3);
        assertThat(e.problem()).isEqualTo("unknown tag 'frobnicate'");
        assertThat(failure("{% include 'x' %}", Map.of()).problem())
                .isEqualTo("the 'include' tag is not supported in chat templates");
    }

    @Test
    void badExpressionPointsAtTheOffendingToken() {
        TemplateException e = failure("ok\n\n{{ 1 + }}", Map.of());
        assertThat(e.kind()).isEqualTo(TemplateException.Kind.SYNTAX);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(8);
        assertThat(e.problem()).isEqualTo("unexpected '}}'");
        assertThat(failure("{% if %}", Map.of()).problem()).isEqualTo("expected an expression, got '%}'");
        assertThat(failure("{% set x = 1 2 %}", Map.of()).problem()).isEqualTo("expected '%}', got '2'");
    }

    @Test
    void raiseExceptionCarriesTheTemplatesMessageAndLine() {
        TemplateException e = failure(
                "{% for m in messages %}\n{% if m.role not in ['user', 'assistant'] %}\n"
                        + "{{ raise_exception('Unknown role: ' + m.role) }}\n{% endif %}\n{% endfor %}",
                Map.of("messages", List.of(Map.of("role", "user"), Map.of("role", "robot"))));
        assertThat(e.kind()).isEqualTo(TemplateException.Kind.RAISED);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.problem()).isEqualTo("Unknown role: robot");
        assertThat(e.getMessage()).isEqualTo("chat template line 3, column 4: Unknown role: robot");
    }

    @Test
    void renderErrorsPointAtTheFailingExpression() {
        TemplateException e = failure("{% set x = 1 %}\n{{ x }}\n{{ 'n=' + x }}", Map.of());
        assertThat(e.kind()).isEqualTo(TemplateException.Kind.RENDER);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.problem()).isEqualTo("can only concatenate str (not \"int\") to str");
    }

    @Test
    void errorsInsideAMacroPointIntoItsBody() {
        TemplateException e = failure("{% macro m(x) %}\n{{ x.strip() }}\n{% endmacro %}\n{{ m(none) }}", Map.of());
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.problem()).isEqualTo("'None' has no attribute 'strip'");
    }

    @Test
    void loopControlOutsideALoopIsASyntaxError() {
        assertThat(failure("{% if true %}{% break %}{% endif %}", Map.of()).problem())
                .isEqualTo("'break' outside of a loop");
        assertThat(failure("{% for x in y %}{% macro m() %}{% continue %}{% endmacro %}{% endfor %}", Map.of())
                        .problem())
                .isEqualTo("'continue' outside of a loop");
    }

    @Test
    void unpackingTheWrongNumberOfValuesFails() {
        assertThat(failure("{% for a, b in [(1, 2, 3)] %}{% endfor %}", Map.of())
                        .problem())
                .isEqualTo("too many values to unpack (expected 2)");
    }

    @Test
    void runawayRecursionFailsCleanly() {
        TemplateException e = failure("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", Map.of());
        assertThat(e.kind()).isEqualTo(TemplateException.Kind.RENDER);
        assertThat(e.problem()).startsWith("macro calls nest deeper than");
    }

    @Test
    void absurdNestingFailsCleanly() {
        String nested = "(".repeat(100_000) + "1" + ")".repeat(100_000);
        assertThatThrownBy(() -> ChatTemplate.compile("{{ " + nested + " }}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageEndingWith("nests too deeply to parse");
    }

    @Test
    void unclosedTagsAndCommentsAreSyntaxErrors() {
        assertThat(failure("a\n{{ x ", Map.of()).getMessage())
                .isEqualTo("chat template line 2, column 1: missing '}}' to close this tag");
        assertThat(failure("{# x", Map.of()).problem()).isEqualTo("missing '#}' to close this comment");
        assertThat(failure("{% raw %}x", Map.of()).problem())
                .isEqualTo("missing '{% endraw %}' to close this raw block");
    }
}
