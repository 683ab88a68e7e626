package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Expression.BinaryOperator;
import io.github.relayllm.core.template.Value.DictValue;
import io.github.relayllm.core.template.Value.IntValue;
import io.github.relayllm.core.template.Value.ListValue;
import io.github.relayllm.core.template.Value.NoneValue;
import io.github.relayllm.core.template.Value.StrValue;
import io.github.relayllm.core.template.Value.TupleValue;
import io.github.relayllm.core.template.Value.UndefinedValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * jinja2's filters over sequences: picking ({@code first}, {@code last}), reshaping
 * ({@code list}, {@code reverse}, {@code batch}, {@code join}), ordering ({@code sort},
 * {@code dictsort}, {@code unique}, {@code min}, {@code max}, {@code sum}) and the higher-order
 * {@code map}, {@code select}, {@code reject}, {@code selectattr}, {@code rejectattr}. Like
 * jinja2's, they compare strings case-insensitively unless told otherwise.
 */
final class SequenceFilters {
    private SequenceFilters() {}

    static void registerInto(Map<String, Filter> filters) {
        filters.put("first", SequenceFilters::first);
        filters.put("last", SequenceFilters::last);
        filters.put("list", (v, a) -> new ListValue(Access.iterate(v)));
        filters.put("reverse", SequenceFilters::reverse);
        filters.put("join", SequenceFilters::join);
        filters.put("batch", SequenceFilters::batch);
        filters.put("sort", SequenceFilters::sort);
        filters.put("dictsort", SequenceFilters::dictsort);
        filters.put("unique", SequenceFilters::unique);
        filters.put("min", (v, a) -> extreme(v, a, "min", -1));
        filters.put("max", (v, a) -> extreme(v, a, "max", 1));
        filters.put("sum", SequenceFilters::sum);
        filters.put("map", SequenceFilters::map);
        filters.put("select", (v, a) -> select(v, a, null, true));
        filters.put("reject", (v, a) -> select(v, a, null, false));
        filters.put("selectattr", (v, a) -> select(v, a, attributeName(a), true));
        filters.put("rejectattr", (v, a) -> select(v, a, attributeName(a), false));
    }

    private static Value first(Value value, Arguments arguments) {
        List<Value> items = Access.iterate(value);
        return items.isEmpty() ? new UndefinedValue("No first item, sequence was empty.") : items.getFirst();
    }

    private static Value last(Value value, Arguments arguments) {
        List<Value> items = Access.iterate(value);
        return items.isEmpty() ? new UndefinedValue("No last item, sequence was empty.") : items.getLast();
    }

    private static Value reverse(Value value, Arguments arguments) {
        if (value instanceof StrValue s) {
            return new StrValue(new StringBuilder(s.text()).reverse().toString(), s.markup());
        }
        return new ListValue(Access.iterate(value).reversed());
    }

    private static Value join(Value value, Arguments arguments) {
        Value[] bound = arguments.bind("join", "d", "attribute");
        String separator = bound[0] == null ? "" : PythonFormat.str(bound[0]);
        UnaryOperator<Value> getter = attributeGetter(bound[1], null, false);
        StringBuilder out = new StringBuilder();
        List<Value> items = Access.iterate(value);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            out.append(PythonFormat.str(getter.apply(items.get(i))));
        }
        return new StrValue(out.toString());
    }

    private static Value batch(Value value, Arguments arguments) {
        Value[] bound = arguments.bind("batch", "linecount", "fill_with");
        if (bound[0] == null) {
            throw new RenderError("batch() needs a line count");
        }
        int size = (int) Math.max(1, Math.min(Operators.integer(bound[0]), 1_000_000));
        List<Value> items = Access.iterate(value);
        List<Value> batches = new ArrayList<>();
        for (int start = 0; start < items.size(); start += size) {
            List<Value> batch = new ArrayList<>(items.subList(start, Math.min(start + size, items.size())));
            while (bound[1] != null && !(bound[1] instanceof NoneValue) && batch.size() < size) {
                batch.add(bound[1]);
            }
            batches.add(new ListValue(batch));
        }
        return new ListValue(batches);
    }

    private static Value sort(Value value, Arguments arguments) {
        Value[] bound = arguments.bind("sort", "reverse", "case_sensitive", "attribute");
        boolean caseSensitive = bound[1] != null && bound[1].isTrue();
        UnaryOperator<Value> key = attributeGetter(bound[2], null, !caseSensitive);
        List<Value> items = new ArrayList<>(Access.iterate(value));
        Comparator<Value> order = (a, b) -> Operators.compare(key.apply(a), key.apply(b));
        items.sort(bound[0] != null && bound[0].isTrue() ? order.reversed() : order);
        return new ListValue(items);
    }

    private static Value dictsort(Value value, Arguments arguments) {
        Value[] bound = arguments.bind("dictsort", "case_sensitive", "by", "reverse");
        if (!(value instanceof DictValue dict)) {
            throw new RenderError("dictsort expects a mapping, not " + value.typeName());
        }
        boolean caseSensitive = bound[0] != null && bound[0].isTrue();
        String by = bound[1] == null ? "key" : PythonFormat.str(bound[1]);
        if (!by.equals("key") && !by.equals("value")) {
            throw new RenderError("You can only sort by either 'key' or 'value'");
        }
        int position = by.equals("key") ? 0 : 1;
        UnaryOperator<Value> fold = caseSensitive ? v -> v : SequenceFilters::ignoreCase;
        List<Value> pairs = new ArrayList<>(Methods.itemPairs(dict));
        Comparator<Value> order = (a, b) -> Operators.compare(
                fold.apply(((TupleValue) a).items().get(position)),
                fold.apply(((TupleValue) b).items().get(position)));
        pairs.sort(bound[2] != null && bound[2].isTrue() ? order.reversed() : order);
        return new ListValue(pairs);
    }

    private static Value unique(Value value, Arguments arguments) {
        Value[] bound = arguments.bind("unique", "case_sensitive", "attribute");
        UnaryOperator<Value> key = attributeGetter(bound[1], null, bound[0] == null || !bound[0].isTrue());
        List<Value> kept = new ArrayList<>();
        List<Value> seen = new ArrayList<>();
        for (Value item : Access.iterate(value)) {
            Value itemKey = key.apply(item);
            if (itemKey instanceof ListValue || itemKey instanceof DictValue) {
                throw new RenderError("unhashable type: '" + itemKey.typeName() + "'");
            }
            if (seen.stream().noneMatch(s -> Operators.equal(s, itemKey))) {
                seen.add(itemKey);
                kept.add(item);
            }
        }
        return new ListValue(kept);
    }

    private static Value extreme(Value value, Arguments arguments, String name, int sign) {
        Value[] bound = arguments.bind(name, "case_sensitive", "attribute");
        UnaryOperator<Value> key = attributeGetter(bound[1], null, bound[0] == null || !bound[0].isTrue());
        Value best = null;
        for (Value item : Access.iterate(value)) {
            if (best == null || sign * Operators.compare(key.apply(item), key.apply(best)) > 0) {
                best = item;
            }
        }
        return best != null ? best : new UndefinedValue("No aggregated item, sequence was empty.");
    }

    private static Value sum(Value value, Arguments arguments) {
        Value[] bound = arguments.bind("sum", "attribute", "start");
        UnaryOperator<Value> getter = attributeGetter(bound[0], null, false);
        Value total = bound[1] == null ? new IntValue(0) : bound[1];
        for (Value item : Access.iterate(value)) {
            total = Operators.arithmetic(BinaryOperator.ADD, total, getter.apply(item));
        }
        return total;
    }

    /** {@code map(attribute='name', default=...)} or {@code map('filter', arguments...)}. */
    private static Value map(Value value, Arguments arguments) {
        UnaryOperator<Value> mapping;
        if (arguments.positional().isEmpty() && arguments.named().containsKey("attribute")) {
            Value[] bound = arguments.bind("map", "attribute", "default");
            mapping = attributeGetter(bound[0], bound[1], false);
        } else if (!arguments.positional().isEmpty()) {
            String name = PythonFormat.str(arguments.positional().getFirst());
            Filter filter = BuiltinFilters.find(name);
            if (filter == null) {
                throw new RenderError("No filter named '" + name + "'");
            }
            Arguments rest = new Arguments(
                    arguments.positional().subList(1, arguments.positional().size()), arguments.named());
            mapping = item -> filter.apply(item, rest);
        } else {
            throw new RenderError("map() needs a filter name or attribute=");
        }
        return new ListValue(iterateIfTrue(value).stream().map(mapping).toList());
    }

    private static Value attributeName(Arguments arguments) {
        if (arguments.positional().isEmpty()) {
            throw new RenderError("selectattr() and rejectattr() need an attribute name");
        }
        return arguments.positional().getFirst();
    }

    /** select / reject (and their attr forms): keeps the items whose test result equals {@code keep}. */
    private static Value select(Value value, Arguments arguments, Value attribute, boolean keep) {
        List<Value> rest = arguments
                .positional()
                .subList(attribute == null ? 0 : 1, arguments.positional().size());
        UnaryOperator<Value> getter = attributeGetter(attribute, null, false);
        TemplateTest test;
        Arguments testArguments;
        if (rest.isEmpty()) {
            test = (v, a) -> v.isTrue();
            testArguments = Arguments.NONE;
        } else {
            String name = PythonFormat.str(rest.getFirst());
            test = BuiltinTests.find(name);
            if (test == null) {
                throw new RenderError("No test named '" + name + "'");
            }
            testArguments = new Arguments(rest.subList(1, rest.size()), arguments.named());
        }
        List<Value> kept = new ArrayList<>();
        for (Value item : iterateIfTrue(value)) {
            if (test.test(getter.apply(item), testArguments) == keep) {
                kept.add(item);
            }
        }
        return new ListValue(kept);
    }

    /**
     * jinja2's {@code make_attrgetter}: reads a dotted path ({@code "a.b"}, {@code "0"} for an index)
     * from each item, falling back to {@code fallback} where the result is undefined; with
     * {@code ignoreCase}, strings are lower-cased for comparison. A null {@code attribute} is the item itself.
     */
    private static UnaryOperator<Value> attributeGetter(Value attribute, Value fallback, boolean ignoreCase) {
        UnaryOperator<Value> fold = ignoreCase ? SequenceFilters::ignoreCase : v -> v;
        if (attribute == null || attribute instanceof NoneValue) {
            return fold;
        }
        List<Value> path = new ArrayList<>();
        for (String part : PythonFormat.str(attribute).split("\\.", -1)) {
            boolean index =
                    !part.isEmpty() && part.length() < 10 && part.chars().allMatch(Character::isDigit);
            path.add(index ? new IntValue(Long.parseLong(part)) : new StrValue(part));
        }
        return item -> {
            Value current = item;
            for (Value key : path) {
                current = Access.item(current, key);
            }
            if (fallback != null && current instanceof UndefinedValue) {
                current = fallback;
            }
            return fold.apply(current);
        };
    }

    /** jinja2's map and select skip a false input ({@code false|select} is empty) before iterating it. */
    private static List<Value> iterateIfTrue(Value value) {
        return value.isTrue() ? Access.iterate(value) : List.of();
    }

    private static Value ignoreCase(Value value) {
        return value instanceof StrValue s ? new StrValue(PythonStrings.lower(s.text())) : value;
    }
}
