package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Expression.Attribute;
import io.github.relayllm.core.template.Expression.Call;
import io.github.relayllm.core.template.Expression.CallArguments;
import io.github.relayllm.core.template.Expression.DictEntry;
import io.github.relayllm.core.template.Expression.DictLiteral;
import io.github.relayllm.core.template.Expression.FilterStep;
import io.github.relayllm.core.template.Expression.Filtered;
import io.github.relayllm.core.template.Expression.Item;
import io.github.relayllm.core.template.Expression.ListLiteral;
import io.github.relayllm.core.template.Expression.Literal;
import io.github.relayllm.core.template.Expression.NamedArgument;
import io.github.relayllm.core.template.Expression.Slice;
import io.github.relayllm.core.template.Expression.Tested;
import io.github.relayllm.core.template.Expression.TupleLiteral;
import io.github.relayllm.core.template.Expression.Variable;
import io.github.relayllm.core.template.Token.Kind;
import io.github.relayllm.core.template.Value.FloatValue;
import io.github.relayllm.core.template.Value.IntValue;
import io.github.relayllm.core.template.Value.StrValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses the operands of {@link ExpressionParser}'s operators: literals, variables and
 * parenthesized expressions, and what may follow them: attribute and item access, slices, calls,
 * filters ({@code | name(args)}) and tests ({@code is name args}). Filters and tests are resolved to
 * their implementations here, so an unknown name is a compile error, as in jinja2.
 */
final class OperandParser {
    private final TokenCursor cursor;
    private final ExpressionParser expressions;
    private Set<String> variablesRead = new HashSet<>();

    OperandParser(TokenCursor cursor, ExpressionParser expressions) {
        this.cursor = cursor;
        this.expressions = expressions;
    }

    /**
     * Starts recording the variables read from here on (for a macro body) and returns the previous
     * record, which the caller hands back to {@link #restoreVariablesRead} when the body ends.
     */
    Set<String> startRecordingVariables() {
        Set<String> previous = variablesRead;
        variablesRead = new HashSet<>();
        return previous;
    }

    /** Ends a recording begun by {@link #startRecordingVariables} and returns what it saw. */
    Set<String> restoreVariablesRead(Set<String> previous) {
        Set<String> recorded = variablesRead;
        variablesRead = previous;
        return recorded;
    }

    Expression parsePrimary() {
        Token token = cursor.next();
        return switch (token.kind()) {
            case NAME ->
                switch (token.text()) {
                    case "true", "True" -> new Literal(Value.TRUE, token.position());
                    case "false", "False" -> new Literal(Value.FALSE, token.position());
                    case "none", "None" -> new Literal(Value.NONE, token.position());
                    default -> {
                        variablesRead.add(token.text());
                        yield new Variable(token.text(), token.position());
                    }
                };
            case STRING -> {
                StringBuilder text = new StringBuilder(token.text());
                while (cursor.peek().is(Kind.STRING)) {
                    text.append(cursor.next().text());
                }
                yield new Literal(new StrValue(text.toString()), token.position());
            }
            case INTEGER -> new Literal(integerLiteral(token), token.position());
            case FLOAT -> new Literal(new FloatValue(NumberLiteral.parseFloat(token.text())), token.position());
            case OPERATOR ->
                switch (token.text()) {
                    case "(" -> {
                        Expression inner = expressions.parseTuple(true, Set.of(), true);
                        cursor.expectOperator(")");
                        yield inner;
                    }
                    case "[" -> parseList(token.position());
                    case "{" -> parseDict(token.position());
                    default -> throw TokenCursor.error(token.position(), "unexpected " + token.describe());
                };
            default -> throw TokenCursor.error(token.position(), "unexpected " + token.describe());
        };
    }

    private static Value integerLiteral(Token token) {
        try {
            return new IntValue(NumberLiteral.parseInteger(token.text()));
        } catch (NumberFormatException e) {
            throw TokenCursor.error(token.position(), "integer literal " + token.text() + " does not fit in 64 bits");
        }
    }

    private Expression parseList(Position position) {
        List<Expression> items = new ArrayList<>();
        while (!cursor.peek().isOperator("]")) {
            if (!items.isEmpty()) {
                cursor.expectOperator(",");
                if (cursor.peek().isOperator("]")) {
                    break;
                }
            }
            items.add(expressions.parseExpression());
        }
        cursor.expectOperator("]");
        return new ListLiteral(List.copyOf(items), position);
    }

    private Expression parseDict(Position position) {
        List<DictEntry> entries = new ArrayList<>();
        while (!cursor.peek().isOperator("}")) {
            if (!entries.isEmpty()) {
                cursor.expectOperator(",");
                if (cursor.peek().isOperator("}")) {
                    break;
                }
            }
            Expression key = expressions.parseExpression();
            cursor.expectOperator(":");
            entries.add(new DictEntry(key, expressions.parseExpression()));
        }
        cursor.expectOperator("}");
        return new DictLiteral(List.copyOf(entries), position);
    }

    Expression parsePostfix(Expression target) {
        Expression node = target;
        while (true) {
            Token token = cursor.peek();
            if (token.isOperator(".")) {
                node = parseDotted(node);
            } else if (token.isOperator("[")) {
                node = parseSubscript(node);
            } else if (token.isOperator("(")) {
                node = new Call(node, parseCallArguments(), node.position());
            } else {
                return node;
            }
        }
    }

    private Expression parseDotted(Expression target) {
        Position position = cursor.next().position();
        Token attribute = cursor.next();
        if (attribute.is(Kind.NAME)) {
            return new Attribute(target, attribute.text(), position);
        }
        if (attribute.is(Kind.INTEGER)) {
            return new Item(target, new Literal(integerLiteral(attribute), attribute.position()), position);
        }
        throw TokenCursor.error(attribute.position(), "expected an attribute name or number after '.'");
    }

    private Expression parseSubscript(Expression target) {
        Position position = cursor.next().position();
        List<Expression> keys = new ArrayList<>();
        while (!cursor.peek().isOperator("]")) {
            if (!keys.isEmpty()) {
                cursor.expectOperator(",");
            }
            keys.add(parseSubscribed(target, position));
        }
        cursor.expectOperator("]");
        if (keys.isEmpty()) {
            throw TokenCursor.error(position, "expected a subscript expression");
        }
        if (keys.size() == 1 && keys.getFirst() instanceof Slice slice) {
            return slice;
        }
        Expression key = keys.size() == 1 ? keys.getFirst() : new TupleLiteral(List.copyOf(keys), position);
        if (key instanceof TupleLiteral tuple && tuple.items().stream().anyMatch(Slice.class::isInstance)) {
            throw TokenCursor.error(position, "multi-dimensional slices are not supported");
        }
        return new Item(target, key, position);
    }

    /** One subscript: an expression, or a slice {@code start:stop:step} with any part left out. */
    private Expression parseSubscribed(Expression target, Position position) {
        Expression none = new Literal(Value.NONE, position);
        Expression start = none;
        if (!cursor.peek().isOperator(":")) {
            start = expressions.parseExpression();
            if (!cursor.peek().isOperator(":")) {
                return start;
            }
        }
        cursor.next();
        Expression stop = isSliceEnd() ? none : expressions.parseExpression();
        Expression step = none;
        if (cursor.skipOperator(":") && !isSliceEnd()) {
            step = expressions.parseExpression();
        }
        return new Slice(target, start, stop, step, position);
    }

    private boolean isSliceEnd() {
        Token token = cursor.peek();
        return token.isOperator("]") || token.isOperator(",") || token.isOperator(":");
    }

    Expression parseFiltersAndTests(Expression input) {
        Expression node = input;
        while (true) {
            Token token = cursor.peek();
            if (token.isOperator("|")) {
                cursor.next();
                node = new Filtered(node, parseFilterStep());
            } else if (token.isName("is")) {
                node = parseTest(node);
            } else if (token.isOperator("(")) {
                node = new Call(node, parseCallArguments(), node.position());
            } else {
                return node;
            }
        }
    }

    /** A filter name with its arguments, the pipe already consumed. */
    FilterStep parseFilterStep() {
        Token name = cursor.expect(Kind.NAME, "a filter name");
        Filter filter = BuiltinFilters.find(name.text());
        if (filter == null) {
            throw TokenCursor.error(name.position(), "unknown filter '" + name.text() + "'");
        }
        CallArguments arguments = cursor.peek().isOperator("(") ? parseCallArguments() : CallArguments.NONE;
        return new FilterStep(name.text(), filter, arguments, name.position());
    }

    private Expression parseTest(Expression input) {
        Position position = cursor.next().position();
        boolean negated = cursor.skipName("not");
        Token name = cursor.expect(Kind.NAME, "a test name");
        TemplateTest test = BuiltinTests.find(name.text());
        if (test == null) {
            throw TokenCursor.error(name.position(), "unknown test '" + name.text() + "'");
        }
        CallArguments arguments = CallArguments.NONE;
        Token next = cursor.peek();
        if (next.isOperator("(")) {
            arguments = parseCallArguments();
        } else if (startsTestArgument(next)) {
            if (next.isName("is")) {
                throw TokenCursor.error(next.position(), "tests can not be chained with 'is'");
            }
            arguments = new CallArguments(List.of(parsePostfix(parsePrimary())), List.of());
        }
        Expression tested = new Tested(input, name.text(), test, arguments, position);
        return negated ? new Expression.Not(tested, position) : tested;
    }

    private static boolean startsTestArgument(Token token) {
        return switch (token.kind()) {
            case NAME ->
                !token.text().equals("else")
                        && !token.text().equals("or")
                        && !token.text().equals("and");
            case STRING, INTEGER, FLOAT -> true;
            case OPERATOR -> token.text().equals("[") || token.text().equals("{");
            default -> false;
        };
    }

    /** {@code (a, b, name=c)}: positional arguments first, then named ones, a trailing comma allowed. */
    CallArguments parseCallArguments() {
        Token open = cursor.expectOperator("(");
        List<Expression> positional = new ArrayList<>();
        List<NamedArgument> named = new ArrayList<>();
        while (!cursor.peek().isOperator(")")) {
            if (!positional.isEmpty() || !named.isEmpty()) {
                cursor.expectOperator(",");
                if (cursor.peek().isOperator(")")) {
                    break;
                }
            }
            Token token = cursor.peek();
            if (token.isOperator("*") || token.isOperator("**")) {
                throw TokenCursor.error(token.position(), "*args and **kwargs in calls are not supported");
            }
            if (token.is(Kind.NAME) && cursor.peek(1).isOperator("=")) {
                cursor.next();
                cursor.next();
                named.add(new NamedArgument(token.text(), expressions.parseExpression()));
            } else {
                if (!named.isEmpty()) {
                    throw TokenCursor.error(open.position(), "a positional argument follows a named argument");
                }
                positional.add(expressions.parseExpression());
            }
        }
        cursor.expectOperator(")");
        return new CallArguments(List.copyOf(positional), List.copyOf(named));
    }
}
