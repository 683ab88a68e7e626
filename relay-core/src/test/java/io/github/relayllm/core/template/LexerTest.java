package io.github.relayllm.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.relayllm.core.template.Token.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {
    private static List<Kind> kinds(String template) {
        return Lexer.tokenize(template).stream().map(Token::kind).toList();
    }

    @Test
    void splitsTextVariablesAndBlocks() {
        assertThat(kinds("a{{ x }}b{% if y %}c{% endif %}"))
                .containsExactly(
                        Kind.TEXT,
                        Kind.VARIABLE_BEGIN,
                        Kind.NAME,
                        Kind.VARIABLE_END,
                        Kind.TEXT,
                        Kind.BLOCK_BEGIN,
                        Kind.NAME,
                        Kind.NAME,
                        Kind.BLOCK_END,
                        Kind.TEXT,
                        Kind.BLOCK_BEGIN,
                        Kind.NAME,
                        Kind.BLOCK_END,
                        Kind.END_OF_INPUT);
    }

    @Test
    void recordsLineAndColumnOfEachToken() {
        List<Token> tokens = Lexer.tokenize("ab\n  {{ name }}");
        Token name = tokens.stream().filter(t -> t.is(Kind.NAME)).findFirst().orElseThrow();
        assertThat(name.position()).isEqualTo(new Position(2, 6));
    }

    @Test
    void readsNumbersAsJinja2Does() {
        assertThat(Lexer.tokenize("{{ 1_000 0x1F 1.5 1e3 2.5E-3 }}").stream()
                        .filter(t -> t.is(Kind.INTEGER) || t.is(Kind.FLOAT))
                        .map(t -> t.kind() + ":" + t.text()))
                .containsExactly("INTEGER:1_000", "INTEGER:0x1F", "FLOAT:1.5", "FLOAT:1e3", "FLOAT:2.5E-3");
        // After a dot, digits are item indices: "a.0.1" is a[0][1], not a followed by 0.1.
        assertThat(kinds("{{ a.0.1 }}"))
                .containsExactly(
                        Kind.VARIABLE_BEGIN,
                        Kind.NAME,
                        Kind.OPERATOR,
                        Kind.INTEGER,
                        Kind.OPERATOR,
                        Kind.INTEGER,
                        Kind.VARIABLE_END,
                        Kind.END_OF_INPUT);
    }

    @Test
    void decodesStringEscapesAsPythonsUnicodeEscapeCodec() {
        assertThat(PythonStringLiteral.decode("a\\tb\\n\\x41\\u00e9\\101\\q\\\\"))
                .isEqualTo("a\tb\nAé\u0041\\q\\");
        assertThat(PythonStringLiteral.decode("\\N{BULLET}")).isEqualTo("•");
        assertThat(PythonStringLiteral.decode("line\\\ncontinued")).isEqualTo("linecontinued");
        // jinja2 escapes non-ASCII text before decoding, so a backslash before é reads é's own escape.
        assertThat(PythonStringLiteral.decode("\\é")).isEqualTo("\\xe9");
    }

    @Test
    void closingBracesInsideBracketsDoNotEndTheTag() {
        assertThat(ChatTemplate.compile("{{ {'a': {'b': 1}} }}").render(java.util.Map.of()))
                .isEqualTo("{'a': {'b': 1}}");
    }

    @Test
    void rejectsUnterminatedStringsWithTheirPosition() {
        assertThatThrownBy(() -> Lexer.tokenize("x\n{{ 'abc }}"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("chat template line 2, column 4: unterminated string literal");
    }

    @Test
    void rejectsUnbalancedBrackets() {
        assertThatThrownBy(() -> Lexer.tokenize("{{ (1 ] }}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("line 1, column 7")
                .hasMessageEndingWith("unexpected ']', expected ')'");
    }
}
