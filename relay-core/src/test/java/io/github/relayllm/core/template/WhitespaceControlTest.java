package io.github.relayllm.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whitespace control as jinja2 applies it with Hugging Face's {@code trim_blocks=True,
 * lstrip_blocks=True}. Every expectation here was checked against Python jinja2 3.1.6.
 */
class WhitespaceControlTest {
    private static String render(String template) {
        return ChatTemplate.compile(template).render(Map.of());
    }

    @Test
    void blockTagsSwallowTheNewlineAfterThem() {
        assertThat(render("{% if true %}\nx\n{% endif %}\n\ny")).isEqualTo("x\n\ny");
    }

    @Test
    void indentationBeforeABlockTagAloneOnItsLineIsDropped() {
        assertThat(render("a\n  {% if true %}\n  x\n  {% endif %}\nb")).isEqualTo("a\n  x\nb");
        assertThat(render("{% if true %}\n    yes\n{% else %}\n    no\n{% endif %}\ndone"))
                .isEqualTo("    yes\ndone");
    }

    @Test
    void indentationIsKeptWhenTextPrecedesTheTagOnItsLine() {
        assertThat(render("a  {% if true %}x{% endif %}")).isEqualTo("a  x");
    }

    @Test
    void variableTagsNeitherTrimNorLstrip() {
        assertThat(render("  {{ 1 }}\n  {{ 2 }}\n")).isEqualTo("  1\n  2");
        assertThat(render("  {% set x = 1 %}\n  {{ x }}")).isEqualTo("  1");
    }

    @Test
    void minusStripsAllWhitespaceOnItsSide() {
        assertThat(render("a  \n {%- if true -%} \n x \n {%- endif -%} \n b")).isEqualTo("axb");
        assertThat(render("{%- if true -%}\n\n  a  \n\n{%- endif -%}\n\nb")).isEqualTo("ab");
        assertThat(render("a \n {{- 1 -}} \n b")).isEqualTo("a1b");
        assertThat(render("<ul>\n  {%- for x in [1, 2] %}\n  <li>{{ x }}</li>\n  {%- endfor %}\n</ul>"))
                .isEqualTo("<ul>  <li>1</li>  <li>2</li></ul>");
    }

    @Test
    void plusTurnsOffLstripAndTrim() {
        assertThat(render("a\n  {%+ if true %}x{% endif %}")).isEqualTo("a\n  x");
        assertThat(render("{% if true +%}\nx{% endif %}")).isEqualTo("\nx");
    }

    @Test
    void commentsAreBlocksForWhitespace() {
        assertThat(render("a\n  {# note #}\nb")).isEqualTo("a\nb");
        assertThat(render("x{# c #}\ny")).isEqualTo("xy");
        assertThat(render("a {#- comment -#} b")).isEqualTo("ab");
        assertThat(render("{# a -#}\n\n  b")).isEqualTo("b");
    }

    @Test
    void oneTrailingNewlineOfTheTemplateIsDropped() {
        assertThat(render("x\n")).isEqualTo("x");
        assertThat(render("x\n\n")).isEqualTo("x\n");
    }

    @Test
    void windowsAndOldMacNewlinesBecomeLineFeeds() {
        assertThat(render("a\r\nb\rc")).isEqualTo("a\nb\nc");
    }

    @Test
    void rawBlocksKeepTheirContentButNotTheirIndentation() {
        assertThat(render("  {% raw %}\n  {{ x }}{% if %}\n  {% endraw %}\nz")).isEqualTo("\n  {{ x }}{% if %}\nz");
        assertThat(render("a {%- raw -%}  {{ y }}  {%- endraw -%} b")).isEqualTo("a{{ y }}b");
    }

    @Test
    void aMinusAfterTheOpeningBracesIsWhitespaceControlNotANegativeNumber() {
        assertThat(render("{{-1}}")).isEqualTo("1");
    }

    @Test
    void macroBodiesFollowTheSameRules() {
        assertThat(render("{% macro m(a) -%}\n  [{{ a }}]\n{%- endmacro %}\n{{ m(1) }}|{{ m(2) }}"))
                .isEqualTo("[1]|[2]");
    }
}
