package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Value.BoolValue;
import io.github.relayllm.core.template.Value.DictValue;
import io.github.relayllm.core.template.Value.FunctionValue;
import io.github.relayllm.core.template.Value.IntValue;
import io.github.relayllm.core.template.Value.ListValue;
import io.github.relayllm.core.template.Value.LoopValue;
import io.github.relayllm.core.template.Value.NamespaceValue;
import io.github.relayllm.core.template.Value.StrValue;
import io.github.relayllm.core.template.Value.TupleValue;
import io.github.relayllm.core.template.Value.UndefinedValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading into values as jinja2's sandboxed environment does: {@code a.b} looks for an attribute
 * (a method, a namespace field, a loop property) and then an item; {@code a['b']} looks for an item
 * and then an attribute. What is not found is undefined; reading anything from an undefined value is
 * an error. Also iteration, length and slicing with Python's rules.
 */
final class Access {
    private Access() {}

    static Value attribute(Value target, String name) {
        Value found = pythonAttribute(target, name);
        if (found == null && target instanceof DictValue dict) {
            found = dict.get(name);
        }
        return found != null ? found : UndefinedValue.missing(target, name);
    }

    /**
     * Python's {@code getattr} alone, without the item fallback (what the {@code attr} filter
     * reads): a method, a namespace field or a loop property; null when there is none.
     */
    static Value pythonAttribute(Value target, String name) {
        return switch (target) {
            case UndefinedValue undefined -> throw undefined.error();
            case NamespaceValue ns -> ns.attributes().get(name);
            case LoopValue loop -> LoopAttributes.get(loop, name);
            default -> boundMethod(target, name);
        };
    }

    static Value item(Value target, Value key) {
        Value found = switch (target) {
            case UndefinedValue undefined -> throw undefined.error();
            case DictValue dict -> dict.entries().get(key);
            case ListValue list when isIndex(key) -> element(list.items(), Operators.integer(key));
            case TupleValue tuple when isIndex(key) -> element(tuple.items(), Operators.integer(key));
            case StrValue s
            when isIndex(key) -> {
                String character = PythonStrings.charAt(s.text(), Operators.integer(key));
                yield character == null ? null : new StrValue(character);
            }
            default -> null;
        };
        if (found != null) {
            return found;
        }
        if (key instanceof StrValue name) {
            return attribute(target, name.text());
        }
        return new UndefinedValue("'" + target.typeName() + " object' has no element " + PythonFormat.repr(key));
    }

    private static boolean isIndex(Value key) {
        return key instanceof IntValue || key instanceof BoolValue;
    }

    private static Value element(List<Value> items, long index) {
        long position = index < 0 ? index + items.size() : index;
        return position >= 0 && position < items.size() ? items.get((int) position) : null;
    }

    private static Value boundMethod(Value target, String name) {
        if (Methods.isMutating(target, name)) {
            return new UndefinedValue(
                    "access to attribute '" + name + "' of '" + target.typeName() + "' object is unsafe");
        }
        if (!Methods.has(target, name)) {
            return null;
        }
        return new FunctionValue(name, arguments -> Methods.call(target, name, arguments));
    }

    static Value slice(Value target, Value start, Value stop, Value step) {
        return switch (target) {
            case UndefinedValue undefined -> throw undefined.error();
            case StrValue s ->
                new StrValue(
                        PythonStrings.slice(s.text(), SliceRange.of(PythonStrings.length(s.text()), start, stop, step)),
                        s.markup());
            case ListValue list -> new ListValue(slice(list.items(), start, stop, step));
            case TupleValue tuple -> new TupleValue(slice(tuple.items(), start, stop, step));
            default -> new UndefinedValue("'" + target.typeName() + " object' can not be sliced");
        };
    }

    private static List<Value> slice(List<Value> items, Value start, Value stop, Value step) {
        SliceRange range = SliceRange.of(items.size(), start, stop, step);
        if (range.step() == 1) {
            return items.subList(range.start(), range.start() + range.count());
        }
        List<Value> selected = new ArrayList<>(range.count());
        for (int i = 0; i < range.count(); i++) {
            selected.add(items.get(range.position(i)));
        }
        return selected;
    }

    /** The items a for loop visits: sequence items, dict keys, a string's characters; none for undefined. */
    static List<Value> iterate(Value iterable) {
        return switch (iterable) {
            case ListValue list -> list.items();
            case TupleValue tuple -> tuple.items();
            case DictValue dict -> List.copyOf(dict.entries().keySet());
            case StrValue s ->
                s.text()
                        .codePoints()
                        .mapToObj(cp -> (Value) new StrValue(Character.toString(cp)))
                        .toList();
            case UndefinedValue undefined -> List.of();
            default -> throw new RenderError("'" + iterable.typeName() + "' object is not iterable");
        };
    }

    /** Python's {@code len()}; an undefined value has length 0, as in jinja2. */
    static int length(Value value) {
        return switch (value) {
            case StrValue s -> PythonStrings.length(s.text());
            case ListValue list -> list.items().size();
            case TupleValue tuple -> tuple.items().size();
            case DictValue dict -> dict.entries().size();
            case UndefinedValue undefined -> 0;
            default -> throw new RenderError("object of type '" + value.typeName() + "' has no len()");
        };
    }
}
