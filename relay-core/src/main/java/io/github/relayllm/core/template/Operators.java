package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Expression.BinaryOperator;
import io.github.relayllm.core.template.Value.BoolValue;
import io.github.relayllm.core.template.Value.DictValue;
import io.github.relayllm.core.template.Value.FloatValue;
import io.github.relayllm.core.template.Value.IntValue;
import io.github.relayllm.core.template.Value.ListValue;
import io.github.relayllm.core.template.Value.StrValue;
import io.github.relayllm.core.template.Value.TupleValue;
import io.github.relayllm.core.template.Value.UndefinedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python's operators on values: arithmetic (with int/float promotion and booleans as integers),
 * sequence concatenation and repetition, equality, ordering and membership. A type mismatch is a
 * {@link RenderError} worded as Python's {@code TypeError}; an undefined operand is jinja2's
 * {@code UndefinedError}.
 */
final class Operators {
    private Operators() {}

    static Value arithmetic(BinaryOperator operator, Value left, Value right) {
        failIfUndefined(left);
        failIfUndefined(right);
        if (isInteger(left) && isInteger(right)) {
            return integerArithmetic(operator, integer(left), integer(right));
        }
        if (isNumber(left) && isNumber(right)) {
            return new FloatValue(FloatArithmetic.apply(operator, number(left), number(right)));
        }
        if (operator == BinaryOperator.MODULO && left instanceof StrValue format) {
            return new StrValue(PythonPercentFormat.format(format.text(), right));
        }
        return switch (operator) {
            case ADD -> concatenate(left, right);
            case MULTIPLY -> repeat(left, right);
            default -> throw unsupported(operator.symbol, left, right);
        };
    }

    private static Value integerArithmetic(BinaryOperator operator, long a, long b) {
        try {
            return switch (operator) {
                case ADD -> new IntValue(Math.addExact(a, b));
                case SUBTRACT -> new IntValue(Math.subtractExact(a, b));
                case MULTIPLY -> new IntValue(Math.multiplyExact(a, b));
                case DIVIDE -> new FloatValue(FloatArithmetic.apply(operator, a, b));
                case FLOOR_DIVIDE -> new IntValue(Math.floorDiv(a, requireNonZero(b)));
                case MODULO -> new IntValue(Math.floorMod(a, requireNonZero(b)));
                case POWER ->
                    b >= 0 ? new IntValue(power(a, b)) : new FloatValue(FloatArithmetic.apply(operator, a, b));
                default -> throw new IllegalArgumentException(operator.name());
            };
        } catch (ArithmeticException e) {
            throw new RenderError(
                    "integer result of " + a + " " + operator.symbol + " " + b + " does not fit in 64 bits");
        }
    }

    private static long requireNonZero(long divisor) {
        if (divisor == 0) {
            throw new RenderError("integer division or modulo by zero");
        }
        return divisor;
    }

    /** Exponentiation by squaring, so that even {@code (-1) ** 10**18} takes 60 steps. */
    private static long power(long base, long exponent) {
        long result = 1;
        long square = base;
        for (long e = exponent; e > 0; e >>= 1) {
            if ((e & 1) == 1) {
                result = Math.multiplyExact(result, square);
            }
            if (e > 1) {
                square = Math.multiplyExact(square, square);
            }
        }
        return result;
    }

    private static Value concatenate(Value left, Value right) {
        return switch (left) {
            case StrValue a when right instanceof StrValue b -> concatenateStrings(a, b);
            case ListValue a when right instanceof ListValue b -> new ListValue(joined(a.items(), b.items()));
            case TupleValue a when right instanceof TupleValue b -> new TupleValue(joined(a.items(), b.items()));
            case StrValue a ->
                throw new RenderError("can only concatenate str (not \"" + right.typeName() + "\") to str");
            case ListValue a ->
                throw new RenderError("can only concatenate list (not \"" + right.typeName() + "\") to list");
            default -> throw unsupported("+", left, right);
        };
    }

    /** markupsafe: adding to Markup escapes the plain operand and gives Markup. */
    private static StrValue concatenateStrings(StrValue a, StrValue b) {
        if (!a.markup() && !b.markup()) {
            return new StrValue(a.text() + b.text());
        }
        String left = a.markup() ? a.text() : PythonStrings.escapeHtml(a.text());
        String right = b.markup() ? b.text() : PythonStrings.escapeHtml(b.text());
        return new StrValue(left + right, true);
    }

    private static List<Value> joined(List<Value> a, List<Value> b) {
        List<Value> items = new ArrayList<>(a.size() + b.size());
        items.addAll(a);
        items.addAll(b);
        return items;
    }

    private static Value repeat(Value left, Value right) {
        Value sequence = isInteger(left) ? right : left;
        Value times = isInteger(left) ? left : right;
        if (!isInteger(times)) {
            throw unsupported("*", left, right);
        }
        int count = (int) Math.max(0, Math.min(integer(times), 1_000_000));
        return switch (sequence) {
            case StrValue s -> new StrValue(s.text().repeat(count), s.markup());
            case ListValue l -> new ListValue(repeated(l.items(), count));
            case TupleValue t -> new TupleValue(repeated(t.items(), count));
            default -> throw unsupported("*", left, right);
        };
    }

    private static List<Value> repeated(List<Value> items, int count) {
        List<Value> result = new ArrayList<>(items.size() * count);
        for (int i = 0; i < count; i++) {
            result.addAll(items);
        }
        return result;
    }

    static Value negate(Value operand) {
        failIfUndefined(operand);
        if (isInteger(operand)) {
            return new IntValue(-integer(operand));
        }
        if (operand instanceof FloatValue f) {
            return new FloatValue(-f.value());
        }
        throw new RenderError("bad operand type for unary -: '" + operand.typeName() + "'");
    }

    static Value plus(Value operand) {
        failIfUndefined(operand);
        if (isInteger(operand)) {
            return new IntValue(integer(operand));
        }
        if (operand instanceof FloatValue) {
            return operand;
        }
        throw new RenderError("bad operand type for unary +: '" + operand.typeName() + "'");
    }

    /** Python's {@code ==}: numbers by value across int, float and bool; containers element by element. */
    static boolean equal(Value a, Value b) {
        if (isNumber(a) && isNumber(b)) {
            return isInteger(a) && isInteger(b) ? integer(a) == integer(b) : number(a) == number(b);
        }
        return switch (a) {
            case ListValue l when b instanceof ListValue m -> equalItems(l.items(), m.items());
            case TupleValue l when b instanceof TupleValue m -> equalItems(l.items(), m.items());
            case DictValue d when b instanceof DictValue e -> equalEntries(d.entries(), e.entries());
            case UndefinedValue u -> b instanceof UndefinedValue;
            default -> a.equals(b);
        };
    }

    private static boolean equalItems(List<Value> a, List<Value> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!equal(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalEntries(Map<Value, Value> a, Map<Value, Value> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<Value, Value> entry : a.entrySet()) {
            Value other = b.get(entry.getKey());
            if (other == null || !equal(entry.getValue(), other)) {
                return false;
            }
        }
        return true;
    }

    /** Python's ordering for {@code < <= > >=} and sorting: numbers, strings by code point, sequences. */
    static int compare(Value a, Value b) {
        failIfUndefined(a);
        failIfUndefined(b);
        if (isNumber(a) && isNumber(b)) {
            return isInteger(a) && isInteger(b)
                    ? Long.compare(integer(a), integer(b))
                    : Double.compare(number(a), number(b));
        }
        return switch (a) {
            case StrValue s when b instanceof StrValue t -> compareCodePoints(s.text(), t.text());
            case ListValue l when b instanceof ListValue m -> compareItems(l.items(), m.items());
            case TupleValue l when b instanceof TupleValue m -> compareItems(l.items(), m.items());
            default ->
                throw new RenderError(
                        "'<' not supported between instances of '%s' and '%s'".formatted(a.typeName(), b.typeName()));
        };
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static int compareItems(List<Value> a, List<Value> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!equal(a.get(i), b.get(i))) {
                return compare(a.get(i), b.get(i));
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Python's {@code needle in container}. */
    static boolean contains(Value container, Value needle) {
        return switch (container) {
            case StrValue s when needle instanceof StrValue n -> s.text().contains(n.text());
            case StrValue s ->
                throw new RenderError("'in <string>' requires string as left operand, not " + needle.typeName());
            case ListValue l -> l.items().stream().anyMatch(item -> equal(item, needle));
            case TupleValue t -> t.items().stream().anyMatch(item -> equal(item, needle));
            case DictValue d -> {
                if (needle instanceof ListValue || needle instanceof DictValue) {
                    throw new RenderError("unhashable type: '" + needle.typeName() + "'");
                }
                yield d.entries().keySet().stream().anyMatch(key -> equal(key, needle));
            }
            case UndefinedValue u -> false;
            default -> throw new RenderError("argument of type '" + container.typeName() + "' is not iterable");
        };
    }

    static boolean isInteger(Value value) {
        return value instanceof IntValue || value instanceof BoolValue;
    }

    static boolean isNumber(Value value) {
        return isInteger(value) || value instanceof FloatValue;
    }

    static long integer(Value value) {
        return switch (value) {
            case IntValue i -> i.value();
            case BoolValue b -> b.value() ? 1 : 0;
            default -> throw new RenderError("'" + value.typeName() + "' object cannot be interpreted as an integer");
        };
    }

    /** Python's {@code int(x)} of a finite float: toward zero, an error where 64 bits do not hold it. */
    static long truncate(double value) {
        if (!(Math.abs(value) < 0x1p63)) {
            throw new RenderError("integer " + PythonFloats.repr(value) + " does not fit in 64 bits");
        }
        return (long) value;
    }

    static double number(Value value) {
        return value instanceof FloatValue f ? f.value() : integer(value);
    }

    static void failIfUndefined(Value value) {
        if (value instanceof UndefinedValue undefined) {
            throw undefined.error();
        }
    }

    private static RenderError unsupported(String symbol, Value left, Value right) {
        return new RenderError("unsupported operand type(s) for %s: '%s' and '%s'"
                .formatted(symbol, left.typeName(), right.typeName()));
    }
}
