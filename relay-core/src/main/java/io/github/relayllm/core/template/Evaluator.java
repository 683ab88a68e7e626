package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Expression.Attribute;
import io.github.relayllm.core.template.Expression.Binary;
import io.github.relayllm.core.template.Expression.Call;
import io.github.relayllm.core.template.Expression.CallArguments;
import io.github.relayllm.core.template.Expression.Comparison;
import io.github.relayllm.core.template.Expression.ComparisonStep;
import io.github.relayllm.core.template.Expression.Conditional;
import io.github.relayllm.core.template.Expression.DictEntry;
import io.github.relayllm.core.template.Expression.DictLiteral;
import io.github.relayllm.core.template.Expression.Filtered;
import io.github.relayllm.core.template.Expression.Item;
import io.github.relayllm.core.template.Expression.ListLiteral;
import io.github.relayllm.core.template.Expression.Literal;
import io.github.relayllm.core.template.Expression.NamedArgument;
import io.github.relayllm.core.template.Expression.Negate;
import io.github.relayllm.core.template.Expression.Not;
import io.github.relayllm.core.template.Expression.Plus;
import io.github.relayllm.core.template.Expression.Slice;
import io.github.relayllm.core.template.Expression.Tested;
import io.github.relayllm.core.template.Expression.TupleLiteral;
import io.github.relayllm.core.template.Expression.Variable;
import io.github.relayllm.core.template.Value.DictValue;
import io.github.relayllm.core.template.Value.FunctionValue;
import io.github.relayllm.core.template.Value.ListValue;
import io.github.relayllm.core.template.Value.StrValue;
import io.github.relayllm.core.template.Value.TupleValue;
import io.github.relayllm.core.template.Value.UndefinedValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates expressions in a scope. A failing operation ({@link RenderError}) is turned into a
 * {@link TemplateException} at the innermost expression that failed, so the message points at it.
 */
final class Evaluator {
    private Evaluator() {}

    static Value evaluate(Expression expression, Scope scope) {
        try {
            return switch (expression) {
                case Literal literal -> literal.value();
                case Variable variable -> {
                    Value value = scope.lookup(variable.name());
                    yield value != null ? value : UndefinedValue.named(variable.name());
                }
                case Attribute attribute -> Access.attribute(evaluate(attribute.target(), scope), attribute.name());
                case Item item -> Access.item(evaluate(item.target(), scope), evaluate(item.key(), scope));
                case Slice slice ->
                    Access.slice(
                            evaluate(slice.target(), scope),
                            evaluate(slice.start(), scope),
                            evaluate(slice.stop(), scope),
                            evaluate(slice.step(), scope));
                case Call call -> call(call, scope);
                case Filtered filtered ->
                    filtered.filter()
                            .implementation()
                            .apply(
                                    evaluate(filtered.input(), scope),
                                    arguments(filtered.filter().arguments(), scope));
                case Tested tested ->
                    Value.of(tested.test().test(evaluate(tested.input(), scope), arguments(tested.arguments(), scope)));
                case Not not -> Value.of(!evaluate(not.operand(), scope).isTrue());
                case Negate negate -> Operators.negate(evaluate(negate.operand(), scope));
                case Plus plus -> Operators.plus(evaluate(plus.operand(), scope));
                case Binary binary -> binary(binary, scope);
                case Comparison comparison -> comparison(comparison, scope);
                case Conditional conditional -> conditional(conditional, scope);
                case ListLiteral list -> new ListValue(evaluateAll(list.items(), scope));
                case TupleLiteral tuple -> new TupleValue(evaluateAll(tuple.items(), scope));
                case DictLiteral dict -> dict(dict, scope);
            };
        } catch (RenderError error) {
            throw error.at(expression.position());
        }
    }

    static Arguments arguments(CallArguments written, Scope scope) {
        if (written.positional().isEmpty() && written.named().isEmpty()) {
            return Arguments.NONE;
        }
        List<Value> positional = evaluateAll(written.positional(), scope);
        Map<String, Value> named = new LinkedHashMap<>();
        for (NamedArgument argument : written.named()) {
            named.put(argument.name(), evaluate(argument.value(), scope));
        }
        return new Arguments(positional, named);
    }

    /** Calls a value: a macro, a global function or a bound method; anything else is not callable. */
    static Value invoke(Value callee, Arguments arguments) {
        return switch (callee) {
            case FunctionValue function -> function.call(arguments);
            case UndefinedValue undefined -> throw undefined.error();
            default -> throw new RenderError("'" + callee.typeName() + "' object is not callable");
        };
    }

    private static Value call(Call call, Scope scope) {
        if (call.callee() instanceof Attribute method) {
            // A method call: dispatch directly instead of building a bound method first.
            Value target = evaluate(method.target(), scope);
            Arguments arguments = arguments(call.arguments(), scope);
            Value result = Methods.call(target, method.name(), arguments);
            return result != null ? result : invoke(Access.attribute(target, method.name()), arguments);
        }
        Value callee = evaluate(call.callee(), scope);
        return invoke(callee, arguments(call.arguments(), scope));
    }

    private static Value binary(Binary binary, Scope scope) {
        Value left = evaluate(binary.left(), scope);
        return switch (binary.operator()) {
            case AND -> left.isTrue() ? evaluate(binary.right(), scope) : left;
            case OR -> left.isTrue() ? left : evaluate(binary.right(), scope);
            case CONCAT -> new StrValue(PythonFormat.str(left) + PythonFormat.str(evaluate(binary.right(), scope)));
            default -> Operators.arithmetic(binary.operator(), left, evaluate(binary.right(), scope));
        };
    }

    private static Value comparison(Comparison comparison, Scope scope) {
        Value left = evaluate(comparison.first(), scope);
        for (ComparisonStep step : comparison.steps()) {
            Value right = evaluate(step.operand(), scope);
            boolean holds = switch (step.operator()) {
                case EQUAL -> Operators.equal(left, right);
                case NOT_EQUAL -> !Operators.equal(left, right);
                case LESS -> Operators.compare(left, right) < 0;
                case LESS_OR_EQUAL -> Operators.compare(left, right) <= 0;
                case GREATER -> Operators.compare(left, right) > 0;
                case GREATER_OR_EQUAL -> Operators.compare(left, right) >= 0;
                case IN -> Operators.contains(right, left);
                case NOT_IN -> !Operators.contains(right, left);
            };
            if (!holds) {
                return Value.FALSE;
            }
            left = right;
        }
        return Value.TRUE;
    }

    private static Value conditional(Conditional conditional, Scope scope) {
        if (evaluate(conditional.condition(), scope).isTrue()) {
            return evaluate(conditional.whenTrue(), scope);
        }
        if (conditional.whenFalse() == null) {
            return new UndefinedValue("the inline if-expression on " + conditional.position()
                    + " evaluated to false and no else section was defined.");
        }
        return evaluate(conditional.whenFalse(), scope);
    }

    private static Value dict(DictLiteral dict, Scope scope) {
        Map<Value, Value> entries = new LinkedHashMap<>();
        for (DictEntry entry : dict.entries()) {
            entries.put(evaluate(entry.key(), scope), evaluate(entry.value(), scope));
        }
        return new DictValue(entries);
    }

    private static List<Value> evaluateAll(List<Expression> expressions, Scope scope) {
        List<Value> values = new ArrayList<>(expressions.size());
        for (Expression expression : expressions) {
            values.add(evaluate(expression, scope));
        }
        return values;
    }
}
