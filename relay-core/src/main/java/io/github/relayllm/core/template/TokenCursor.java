package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Token.Kind;
import java.util.List;

/** A position in the token list with the look-ahead and expectations the parsers need. */
final class TokenCursor {
    private final List<Token> tokens;
    private int index;

    TokenCursor(List<Token> tokens) {
        this.tokens = tokens;
    }

    Token peek() {
        return tokens.get(index);
    }

    /** The token {@code distance} places after the current one (the last token past the end). */
    Token peek(int distance) {
        return tokens.get(Math.min(index + distance, tokens.size() - 1));
    }

    Token next() {
        Token token = tokens.get(index);
        if (index < tokens.size() - 1) {
            index++;
        }
        return token;
    }

    boolean skipOperator(String operator) {
        if (peek().isOperator(operator)) {
            next();
            return true;
        }
        return false;
    }

    boolean skipName(String name) {
        if (peek().isName(name)) {
            next();
            return true;
        }
        return false;
    }

    Token expect(Kind kind, String description) {
        if (!peek().is(kind)) {
            throw unexpected(description);
        }
        return next();
    }

    Token expectOperator(String operator) {
        if (!peek().isOperator(operator)) {
            throw unexpected("'" + operator + "'");
        }
        return next();
    }

    void expectName(String name) {
        if (!peek().isName(name)) {
            throw unexpected("'" + name + "'");
        }
        next();
    }

    /** The error for the current token when {@code expected} should have been there. */
    TemplateException unexpected(String expected) {
        return error(peek().position(), "expected " + expected + ", got " + peek().describe());
    }

    static TemplateException error(Position position, String problem) {
        return new TemplateException(TemplateException.Kind.SYNTAX, position, problem);
    }
}
