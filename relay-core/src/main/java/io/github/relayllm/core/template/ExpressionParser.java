package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Expression.Binary;
import io.github.relayllm.core.template.Expression.BinaryOperator;
import io.github.relayllm.core.template.Expression.Comparison;
import io.github.relayllm.core.template.Expression.ComparisonOperator;
import io.github.relayllm.core.template.Expression.ComparisonStep;
import io.github.relayllm.core.template.Expression.Conditional;
import io.github.relayllm.core.template.Expression.TupleLiteral;
import io.github.relayllm.core.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses expressions with jinja2's grammar and precedence, loosest first: conditional
 * ({@code a if c else b}), {@code or}, {@code and}, {@code not}, comparisons (chained, with
 * {@code in} / {@code not in}), {@code + -}, {@code ~}, {@code * / // %}, {@code **} (left
 * associative, as in jinja2), unary {@code - +}; the operands themselves, with their postfix
 * access, calls, filters and tests, are left to {@link OperandParser}.
 */
final class ExpressionParser {
    private static final Map<String, ComparisonOperator> COMPARISONS = Map.of(
            "==", ComparisonOperator.EQUAL,
            "!=", ComparisonOperator.NOT_EQUAL,
            "<", ComparisonOperator.LESS,
            "<=", ComparisonOperator.LESS_OR_EQUAL,
            ">", ComparisonOperator.GREATER,
            ">=", ComparisonOperator.GREATER_OR_EQUAL);
    private static final Set<String> RESERVED_CONSTANTS = Set.of("true", "false", "none", "True", "False", "None");

    private final TokenCursor cursor;
    private final OperandParser operands;

    ExpressionParser(TokenCursor cursor) {
        this.cursor = cursor;
        this.operands = new OperandParser(cursor, this);
    }

    /** The parser of operands, filters and calls, which also records the variables a macro reads. */
    OperandParser operands() {
        return operands;
    }

    Expression parseExpression() {
        return parseConditional();
    }

    /**
     * A comma-separated tuple or a single expression: what {@code {{ }}}, {@code set} and loop
     * iterables accept. Stops before a tag end, a closing parenthesis or one of {@code endNames}.
     */
    Expression parseTuple(boolean withConditional, Set<String> endNames, boolean explicitParentheses) {
        Position position = cursor.peek().position();
        List<Expression> items = new ArrayList<>();
        boolean isTuple = false;
        while (true) {
            if (!items.isEmpty()) {
                cursor.expectOperator(",");
            }
            if (isTupleEnd(endNames)) {
                break;
            }
            items.add(withConditional ? parseConditional() : parseOr());
            if (!cursor.peek().isOperator(",")) {
                break;
            }
            isTuple = true;
        }
        if (!isTuple) {
            if (!items.isEmpty()) {
                return items.getFirst();
            }
            if (!explicitParentheses) {
                throw cursor.unexpected("an expression");
            }
        }
        return new TupleLiteral(List.copyOf(items), position);
    }

    boolean isTupleEnd(Set<String> endNames) {
        Token token = cursor.peek();
        return token.is(Kind.VARIABLE_END)
                || token.is(Kind.BLOCK_END)
                || token.isOperator(")")
                || (token.is(Kind.NAME) && endNames.contains(token.text()));
    }

    private Expression parseConditional() {
        Expression result = parseOr();
        while (cursor.peek().isName("if")) {
            Position position = cursor.next().position();
            Expression condition = parseOr();
            Expression otherwise = cursor.skipName("else") ? parseConditional() : null;
            result = new Conditional(condition, result, otherwise, position);
        }
        return result;
    }

    private Expression parseOr() {
        Expression left = parseAnd();
        while (cursor.peek().isName("or")) {
            Position position = cursor.next().position();
            left = new Binary(BinaryOperator.OR, left, parseAnd(), position);
        }
        return left;
    }

    private Expression parseAnd() {
        Expression left = parseNot();
        while (cursor.peek().isName("and")) {
            Position position = cursor.next().position();
            left = new Binary(BinaryOperator.AND, left, parseNot(), position);
        }
        return left;
    }

    private Expression parseNot() {
        if (cursor.peek().isName("not")) {
            Position position = cursor.next().position();
            return new Expression.Not(parseNot(), position);
        }
        return parseComparison();
    }

    private Expression parseComparison() {
        Position position = cursor.peek().position();
        Expression first = parseSum();
        List<ComparisonStep> steps = new ArrayList<>();
        while (true) {
            Token token = cursor.peek();
            ComparisonOperator operator = token.is(Kind.OPERATOR) ? COMPARISONS.get(token.text()) : null;
            if (operator != null) {
                cursor.next();
            } else if (token.isName("in")) {
                cursor.next();
                operator = ComparisonOperator.IN;
            } else if (token.isName("not") && cursor.peek(1).isName("in")) {
                cursor.next();
                cursor.next();
                operator = ComparisonOperator.NOT_IN;
            } else {
                break;
            }
            steps.add(new ComparisonStep(operator, parseSum()));
        }
        return steps.isEmpty() ? first : new Comparison(first, List.copyOf(steps), position);
    }

    private Expression parseSum() {
        Expression left = parseConcat();
        while (true) {
            BinaryOperator operator = binaryOperator(BinaryOperator.ADD, BinaryOperator.SUBTRACT);
            if (operator == null) {
                return left;
            }
            Position position = cursor.next().position();
            left = new Binary(operator, left, parseConcat(), position);
        }
    }

    private Expression parseConcat() {
        Expression left = parseProduct();
        while (cursor.peek().isOperator("~")) {
            Position position = cursor.next().position();
            left = new Binary(BinaryOperator.CONCAT, left, parseProduct(), position);
        }
        return left;
    }

    private Expression parseProduct() {
        Expression left = parsePower();
        while (true) {
            BinaryOperator operator = binaryOperator(
                    BinaryOperator.MULTIPLY, BinaryOperator.DIVIDE, BinaryOperator.FLOOR_DIVIDE, BinaryOperator.MODULO);
            if (operator == null) {
                return left;
            }
            Position position = cursor.next().position();
            left = new Binary(operator, left, parsePower(), position);
        }
    }

    private Expression parsePower() {
        Expression left = parseUnary(true);
        while (cursor.peek().isOperator("**")) {
            Position position = cursor.next().position();
            left = new Binary(BinaryOperator.POWER, left, parseUnary(true), position);
        }
        return left;
    }

    private BinaryOperator binaryOperator(BinaryOperator... candidates) {
        Token token = cursor.peek();
        for (BinaryOperator candidate : candidates) {
            if (token.isOperator(candidate.symbol)) {
                return candidate;
            }
        }
        return null;
    }

    private Expression parseUnary(boolean withFilters) {
        Token token = cursor.peek();
        Expression node;
        if (token.isOperator("-")) {
            cursor.next();
            node = new Expression.Negate(parseUnary(false), token.position());
        } else if (token.isOperator("+")) {
            cursor.next();
            node = new Expression.Plus(parseUnary(false), token.position());
        } else {
            node = operands.parsePrimary();
        }
        node = operands.parsePostfix(node);
        return withFilters ? operands.parseFiltersAndTests(node) : node;
    }

    /** Whether {@code name} may be assigned to: the constants {@code true}, {@code none}, ... may not. */
    static boolean isAssignable(String name) {
        return !RESERVED_CONSTANTS.contains(name);
    }
}
