package io.github.relayllm.bench.eval.grading;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed arithmetic expression over real numbers, used to compare answers such as {@code x^2+2x+1}
 * and {@code (x+1)^2} by evaluating both at the same points. Immutable; evaluation costs one visit per
 * node and allocates nothing but the recursion.
 *
 * <p>Constants ({@code \pi}, {@code e}) are {@link Constant} nodes, so {@link #variables()} names only free
 * variables.
 */
public sealed interface Expression {
    /**
     * The value with each free variable bound from {@code values}; IEEE semantics, so a square root of
     * a negative number is NaN rather than an error.
     *
     * @throws IllegalArgumentException if a free variable has no value
     */
    double evaluate(Map<String, Double> values);

    /** Parses a normalized answer (see {@link MathNormalizer}); see {@link ExpressionParser} for the grammar. */
    static Expression parse(String text) {
        return new ExpressionParser(text).parseAll();
    }

    /** The names of the free variables, sorted. */
    default Set<String> variables() {
        Set<String> names = new TreeSet<>();
        collectVariables(this, names);
        return names;
    }

    private static void collectVariables(Expression expression, Set<String> names) {
        switch (expression) {
            case Constant c -> {}
            case Variable v -> names.add(v.name());
            case Negation n -> collectVariables(n.operand(), names);
            case Binary b -> {
                collectVariables(b.left(), names);
                collectVariables(b.right(), names);
            }
            case Call c -> collectVariables(c.argument(), names);
        }
    }

    /** A literal or a named constant. */
    record Constant(double value) implements Expression {
        @Override
        public double evaluate(Map<String, Double> values) {
            return value;
        }
    }

    /** A free variable, such as {@code x} or {@code a_1}. */
    record Variable(String name) implements Expression {
        @Override
        public double evaluate(Map<String, Double> values) {
            Double value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for variable " + name);
            }
            return value;
        }
    }

    /** Unary minus. */
    record Negation(Expression operand) implements Expression {
        @Override
        public double evaluate(Map<String, Double> values) {
            return -operand.evaluate(values);
        }
    }

    /** A binary operation; {@code \sqrt[n]{x}} is {@code x^(1/n)}. */
    record Binary(Operator operator, Expression left, Expression right) implements Expression {
        @Override
        public double evaluate(Map<String, Double> values) {
            return operator.apply(left.evaluate(values), right.evaluate(values));
        }
    }

    /** A function applied to one argument. */
    record Call(Function function, Expression argument) implements Expression {
        @Override
        public double evaluate(Map<String, Double> values) {
            return function.apply(argument.evaluate(values));
        }
    }

    /** The binary operators. */
    enum Operator {
        ADD,
        SUBTRACT,
        MULTIPLY,
        DIVIDE,
        POWER;

        double apply(double a, double b) {
            return switch (this) {
                case ADD -> a + b;
                case SUBTRACT -> a - b;
                case MULTIPLY -> a * b;
                case DIVIDE -> a / b;
                case POWER -> Math.pow(a, b);
            };
        }
    }

    /** The functions the parser knows, each spelled as the LaTeX command of the same name. */
    enum Function {
        SQRT,
        SIN,
        COS,
        TAN,
        LN,
        LOG,
        EXP;

        double apply(double x) {
            return switch (this) {
                case SQRT -> Math.sqrt(x);
                case SIN -> Math.sin(x);
                case COS -> Math.cos(x);
                case TAN -> Math.tan(x);
                case LN -> Math.log(x);
                // MATH-style answers write \log for the natural logarithm as often as for base 10;
                // equal answers spell it the same way, so either choice grades them alike.
                case LOG -> Math.log(x);
                case EXP -> Math.exp(x);
            };
        }
    }
}
