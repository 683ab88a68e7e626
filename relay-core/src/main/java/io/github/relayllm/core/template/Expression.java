package io.github.relayllm.core.template;

import java.util.List;

/** An expression of the template language, as the parser builds it; evaluated by {@link Evaluator}. */
sealed interface Expression {
    Position position();

    /** A constant: string, number, boolean or none. */
    record Literal(Value value, Position position) implements Expression {}

    record Variable(String name, Position position) implements Expression {}

    /** {@code target.name}: an attribute (method, namespace field) or else a mapping item. */
    record Attribute(Expression target, String name, Position position) implements Expression {}

    /** {@code target[key]}: a mapping item or sequence index, or else an attribute named by a string key. */
    record Item(Expression target, Expression key, Position position) implements Expression {}

    /** {@code target[start:stop:step]}; a part left out is a none literal, as in Python. */
    record Slice(Expression target, Expression start, Expression stop, Expression step, Position position)
            implements Expression {}

    record Call(Expression callee, CallArguments arguments, Position position) implements Expression {}

    /** {@code input | filter(arguments)}. */
    record Filtered(Expression input, FilterStep filter) implements Expression {
        @Override
        public Position position() {
            return filter.position();
        }
    }

    /** {@code input is test(arguments)}; {@code is not} is a {@link Not} around it. */
    record Tested(Expression input, String name, TemplateTest test, CallArguments arguments, Position position)
            implements Expression {}

    record Not(Expression operand, Position position) implements Expression {}

    record Negate(Expression operand, Position position) implements Expression {}

    /** Unary plus: checks that the operand is a number. */
    record Plus(Expression operand, Position position) implements Expression {}

    /** Arithmetic, {@code ~} concatenation, and the short-circuiting {@code and} / {@code or}. */
    record Binary(BinaryOperator operator, Expression left, Expression right, Position position)
            implements Expression {}

    /** A Python comparison chain: {@code a < b <= c} is {@code a < b and b <= c}, each operand evaluated once. */
    record Comparison(Expression first, List<ComparisonStep> steps, Position position) implements Expression {}

    record ComparisonStep(ComparisonOperator operator, Expression operand) {}

    /** {@code whenTrue if condition else whenFalse}; {@code whenFalse} is null when the else part is missing. */
    record Conditional(Expression condition, Expression whenTrue, Expression whenFalse, Position position)
            implements Expression {}

    record ListLiteral(List<Expression> items, Position position) implements Expression {}

    record TupleLiteral(List<Expression> items, Position position) implements Expression {}

    record DictLiteral(List<DictEntry> entries, Position position) implements Expression {}

    record DictEntry(Expression key, Expression value) {}

    /** The arguments written at a call, filter or test site. */
    record CallArguments(List<Expression> positional, List<NamedArgument> named) {
        static final CallArguments NONE = new CallArguments(List.of(), List.of());
    }

    record NamedArgument(String name, Expression value) {}

    /** One filter application, resolved to its implementation when the template is compiled. */
    record FilterStep(String name, Filter implementation, CallArguments arguments, Position position) {}

    enum BinaryOperator {
        ADD("+"),
        SUBTRACT("-"),
        MULTIPLY("*"),
        DIVIDE("/"),
        FLOOR_DIVIDE("//"),
        MODULO("%"),
        POWER("**"),
        CONCAT("~"),
        AND("and"),
        OR("or");

        final String symbol;

        BinaryOperator(String symbol) {
            this.symbol = symbol;
        }
    }

    enum ComparisonOperator {
        EQUAL("=="),
        NOT_EQUAL("!="),
        LESS("<"),
        LESS_OR_EQUAL("<="),
        GREATER(">"),
        GREATER_OR_EQUAL(">="),
        IN("in"),
        NOT_IN("not in");

        final String symbol;

        ComparisonOperator(String symbol) {
            this.symbol = symbol;
        }
    }
}
