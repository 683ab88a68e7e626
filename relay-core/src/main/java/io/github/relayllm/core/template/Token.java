package io.github.relayllm.core.template;

/**
 * One lexical token. {@code text} is the template text to output for {@link Kind#TEXT}, the decoded
 * value for {@link Kind#STRING}, and the lexeme itself for every other kind.
 */
record Token(Kind kind, String text, Position position) {
    enum Kind {
        /** Literal template text outside any tag, whitespace control already applied. */
        TEXT,
        /** {@code {{}. */
        VARIABLE_BEGIN,
        /** {@code }}}. */
        VARIABLE_END,
        /** {@code {%}. */
        BLOCK_BEGIN,
        /** {@code %}}. */
        BLOCK_END,
        NAME,
        STRING,
        INTEGER,
        FLOAT,
        /** Punctuation and operators: {@code + - * / // % ** ~ == != < <= > >= = . , : | ( ) [ ] { } ;}. */
        OPERATOR,
        END_OF_INPUT
    }

    boolean is(Kind expected) {
        return kind == expected;
    }

    boolean isOperator(String operator) {
        return kind == Kind.OPERATOR && text.equals(operator);
    }

    boolean isName(String name) {
        return kind == Kind.NAME && text.equals(name);
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (kind) {
            case TEXT -> "template text";
            case VARIABLE_BEGIN, VARIABLE_END, BLOCK_BEGIN, BLOCK_END, NAME, OPERATOR, INTEGER, FLOAT ->
                "'" + text + "'";
            case STRING -> "string literal";
            case END_OF_INPUT -> "end of template";
        };
    }
}
