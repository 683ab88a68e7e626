"""Random expressions rendered by jinja2 in Hugging Face's environment, for differential testing.

    python3 jinja2_fuzz.py SEED COUNT > /tmp/fuzz.json
    ./mvnw test -pl relay-core -Dtest=Jinja2ConformanceTest -Drelay.jinja2.cases=/tmp/fuzz.json

The output has the shape of jinja2-conformance.json, so Jinja2ConformanceTest runs it when pointed
at it. Known, accepted differences are listed in docs/chat-templates.md.
"""
import json
import random
import sys

import jinja2

from jinja2_conformance import render

ATOMS = ["0", "1", "2", "3", "-1", "7", "0.5", "2.0", "1e20", "'a'", "'Ab c'", "''", "'é🙂'", "\"x'y\"", "' pad '",
         "none", "true", "false", "[1, 2, 3]", "['b', 'A', 'c']", "[]", "{'a': 1, 'b': 'x'}", "{}", "(1, 'a')",
         "x", "l", "s", "u", "x.a", "x['b']", "l[0]", "l[-1]", "s[1:]", "s[::-1]", "n", "f"]
OPERATORS = ["+", "-", "*", "/", "//", "%", "**", "~", "and", "or", "==", "!=", "<", "<=", ">", ">=", "in", "not in"]
FILTERS = ["length", "upper", "lower", "trim", "first", "last", "list", "sort", "unique|list", "reverse|list", "join(',')",
           "string", "int", "float", "abs", "round", "round(1)", "tojson", "default('d')", "default('d', true)", "title",
           "capitalize", "sum", "min", "max", "e", "items|list", "dictsort", "map('string')|list", "select|list",
           "reject('none')|list", "batch(2)|list", "safe", "count", "replace('a', 'z')", "indent(2)", "center(7)",
           "tojson(indent=1)", "list|sort(reverse=true)", "attr('a')"]
TESTS = ["defined", "undefined", "none", "string", "number", "integer", "float", "mapping", "sequence", "iterable",
         "even", "odd", "boolean", "true", "false", "callable", "lower", "upper", "divisibleby 2", "eq 1",
         "in [1, 'a']", "sameas none"]
METHODS = [".upper()", ".split()", ".split('a')", ".strip()", ".strip('a')", ".startswith('a')", ".endswith('c')",
           ".title()", ".find('b')", ".count('a')", ".replace('a', 'b')", ".get('a')", ".get('z', 0)", ".items()|list",
           ".keys()|list", ".values()|list", ".lstrip()", ".rstrip(' ')", ".capitalize()", ".index(1)", ".isdigit()",
           ".rsplit(' ', 1)"]
VARIABLES = {"x": {"a": 1, "b": "Hello World"}, "l": [3, 1, 2], "s": "abc", "n": None, "f": 2.5}


def expression(rng, depth):
    roll = rng.random()
    if depth <= 0 or roll < 0.25:
        return rng.choice(ATOMS)
    if roll < 0.45:
        return f"({expression(rng, depth - 1)} {rng.choice(OPERATORS)} {expression(rng, depth - 1)})"
    if roll < 0.6:
        return f"({expression(rng, depth - 1)}|{rng.choice(FILTERS)})"
    if roll < 0.7:
        return f"({expression(rng, depth - 1)} is {rng.choice(['', 'not '])}{rng.choice(TESTS)})"
    if roll < 0.8:
        return f"({expression(rng, depth - 1)}){rng.choice(METHODS)}"
    if roll < 0.85:
        return f"({expression(rng, depth - 1)} if {expression(rng, depth - 1)} else {expression(rng, depth - 1)})"
    if roll < 0.9:
        return f"(not {expression(rng, depth - 1)})"
    if roll < 0.95:
        return f"(-{expression(rng, depth - 1)})"
    return f"[{expression(rng, depth - 1)}, {expression(rng, depth - 1)}]"


def main():
    seed, count = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    cases = []
    for number in range(count):
        template = "{{ " + expression(rng, 3) + " }}"
        cases.append({"name": f"fuzz-{seed}-{number}: {template}", "template": template, "variables": VARIABLES,
                      **render(template, VARIABLES)})
    json.dump({"generator": f"jinja2 {jinja2.__version__}, Hugging Face environment, fuzz seed {seed}",
               "cases": cases}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
