package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Expression.BinaryOperator;
import io.github.relayllm.core.template.Value.BoolValue;
import io.github.relayllm.core.template.Value.DictValue;
import io.github.relayllm.core.template.Value.FloatValue;
import io.github.relayllm.core.template.Value.FunctionValue;
import io.github.relayllm.core.template.Value.IntValue;
import io.github.relayllm.core.template.Value.ListValue;
import io.github.relayllm.core.template.Value.NoneValue;
import io.github.relayllm.core.template.Value.StrValue;
import io.github.relayllm.core.template.Value.TupleValue;
import io.github.relayllm.core.template.Value.UndefinedValue;
import java.util.HashMap;
import java.util.Map;

/**
 * jinja2's built-in tests ({@code value is name}), all of them, with jinja2's definitions: for
 * example {@code number} is true for booleans (Python's {@code bool} is a number) but
 * {@code integer} is not, and an undefined value is a {@code sequence} and {@code iterable}.
 */
final class BuiltinTests {
    private static final Map<String, TemplateTest> TESTS = new HashMap<>();

    static {
        TESTS.put("defined", (v, a) -> !(v instanceof UndefinedValue));
        TESTS.put("undefined", (v, a) -> v instanceof UndefinedValue);
        TESTS.put("none", (v, a) -> v instanceof NoneValue);
        TESTS.put("boolean", (v, a) -> v instanceof BoolValue);
        TESTS.put("true", (v, a) -> v instanceof BoolValue b && b.value());
        TESTS.put("false", (v, a) -> v instanceof BoolValue b && !b.value());
        TESTS.put("integer", (v, a) -> v instanceof IntValue);
        TESTS.put("float", (v, a) -> v instanceof FloatValue);
        TESTS.put("number", (v, a) -> Operators.isNumber(v));
        TESTS.put("string", (v, a) -> v instanceof StrValue);
        TESTS.put("mapping", (v, a) -> v instanceof DictValue);
        TESTS.put("sequence", (v, a) -> isSequence(v));
        TESTS.put("iterable", (v, a) -> isSequence(v));
        TESTS.put("callable", (v, a) -> v instanceof FunctionValue || v instanceof UndefinedValue);
        TESTS.put("escaped", (v, a) -> v instanceof StrValue s && s.markup());
        TESTS.put(
                "lower",
                (v, a) -> StringMethods.call(PythonFormat.str(v), "islower", Arguments.NONE)
                        .isTrue());
        TESTS.put(
                "upper",
                (v, a) -> StringMethods.call(PythonFormat.str(v), "isupper", Arguments.NONE)
                        .isTrue());
        TESTS.put("even", (v, a) -> remainder(v, new IntValue(2)) == 0);
        TESTS.put("odd", (v, a) -> remainder(v, new IntValue(2)) == 1);
        TESTS.put("divisibleby", (v, a) -> remainder(v, argument(a, "divisibleby", "num")) == 0);
        TESTS.put("filter", (v, a) -> v instanceof StrValue s && BuiltinFilters.find(s.text()) != null);
        TESTS.put("test", (v, a) -> v instanceof StrValue s && TESTS.containsKey(s.text()));
        TESTS.put("in", (v, a) -> Operators.contains(argument(a, "in", "seq"), v));
        TESTS.put("sameas", (v, a) -> isSame(v, argument(a, "sameas", "other")));
        comparison("==", "eq", "equalto");
        comparison("!=", "ne");
        comparison("<", "lt", "lessthan");
        comparison("<=", "le");
        comparison(">", "gt", "greaterthan");
        comparison(">=", "ge");
    }

    private BuiltinTests() {}

    /** The test named {@code name}, or null when jinja2 has none. */
    static TemplateTest find(String name) {
        return TESTS.get(name);
    }

    private static void comparison(String operator, String... names) {
        TemplateTest test = (v, a) -> {
            Value other = argument(a, names[0], "other");
            return switch (operator) {
                case "==" -> Operators.equal(v, other);
                case "!=" -> !Operators.equal(v, other);
                case "<" -> Operators.compare(v, other) < 0;
                case "<=" -> Operators.compare(v, other) <= 0;
                case ">" -> Operators.compare(v, other) > 0;
                default -> Operators.compare(v, other) >= 0;
            };
        };
        TESTS.put(operator, test);
        for (String name : names) {
            TESTS.put(name, test);
        }
    }

    private static Value argument(Arguments arguments, String test, String parameter) {
        Value value = arguments.bind(test, parameter)[0];
        if (value == null) {
            throw new RenderError("test '" + test + "' needs an argument");
        }
        return value;
    }

    /** {@code value % divisor} as a number, with Python's rules ({@code 3.0 is odd} is true). */
    private static double remainder(Value value, Value divisor) {
        return Operators.number(Operators.arithmetic(BinaryOperator.MODULO, value, divisor));
    }

    /** Python's {@code len()} and indexing both work: strings, lists, tuples, dicts, undefined. */
    private static boolean isSequence(Value value) {
        return value instanceof StrValue
                || value instanceof ListValue
                || value instanceof TupleValue
                || value instanceof DictValue
                || value instanceof UndefinedValue;
    }

    /** Python's {@code is}: the singletons by value, everything else by identity. */
    private static boolean isSame(Value a, Value b) {
        if (a instanceof NoneValue || a instanceof BoolValue) {
            return a.equals(b);
        }
        return a == b;
    }
}
