"""Regenerates jinja2-conformance.json: small templates rendered by Python jinja2 in the environment
Hugging Face's apply_chat_template uses (transformers' _compile_jinja_template). Run with
jinja2 3.1.x:  python3 jinja2_conformance.py > jinja2-conformance.json

Each case holds the template, the variables, and either the expected output or "error": true when
jinja2 refuses the template or fails while rendering it.
"""
import copy
import json
import pathlib
import sys
from datetime import datetime

import jinja2
import jinja2.ext
from jinja2.ext import Extension
from jinja2.sandbox import ImmutableSandboxedEnvironment


class AssistantTracker(Extension):
    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return jinja2.nodes.CallBlock(self.call_method("_generation_support"), [], [], body).set_lineno(lineno)

    def _generation_support(self, caller):
        return caller()


def raise_exception(message):
    raise jinja2.exceptions.TemplateError(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


env = ImmutableSandboxedEnvironment(
    trim_blocks=True, lstrip_blocks=True, extensions=[AssistantTracker, jinja2.ext.loopcontrols])
env.filters["tojson"] = tojson
env.globals["raise_exception"] = raise_exception
# strftime_now reads a fixed time here; the Java test gives its templates the same fixed clock.
env.globals["strftime_now"] = lambda format: datetime(2024, 9, 5, 14, 30, 7).strftime(format)

MESSAGES = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"},
            {"role": "assistant", "content": "Hello!"}]

CASES = [
    # whitespace control: trim_blocks, lstrip_blocks, -, +
    ("trim-blocks-eats-one-newline", "{% if true %}\nx\n{% endif %}\n\ny", {}),
    ("lstrip-blocks-indented-tags", "a\n  {% if true %}\n  x\n  {% endif %}\nb", {}),
    ("lstrip-only-at-line-start", "a  {% if true %}x{% endif %}", {}),
    ("plus-disables-lstrip", "a\n  {%+ if true %}x{% endif %}", {}),
    ("plus-disables-trim", "{% if true +%}\nx{% endif %}", {}),
    ("minus-strips-both-sides", "a  \n {%- if true -%} \n x \n {%- endif -%} \n b", {}),
    ("variable-tags-do-not-trim", "  {{ 1 }}\n  {{ 2 }}\n", {}),
    ("variable-minus", "a \n {{- 1 -}} \n b", {}),
    ("comments", "a\n  {# note #}\nb{#- x -#}  c {# multi\nline #}\nd", {}),
    ("comment-minus", "{# a -#}\n\n  b", {}),
    ("trailing-newline-dropped", "x\n", {}),
    ("only-one-trailing-newline-dropped", "x\n\n", {}),
    ("crlf-normalized", "a\r\nb\rc", {}),
    ("raw", "  {% raw %}\n  {{ x }}{% if %}\n  {% endraw %}\nz", {}),
    ("raw-minus", "a {%- raw -%}  {{ y }}  {%- endraw -%} b", {}),
    ("tabs-and-spaces-stripped", "x\n\t  {% if true %}y{% endif %}", {}),
    ("minus-variable-begin-not-negative", "{{-1}}", {}),
    # literals and printing
    ("string-escapes", r"""{{ "a\tb\n" }}|{{ 'it\'s' }}|{{ "\x41\u00e9\101\q\\" }}|{{ "\N{BULLET}" }}""", {}),
    ("adjacent-strings-concatenate", "{{ 'a' \"b\" 'c' }}", {}),
    ("numbers", "{{ 1_000 }} {{ 0x1F }} {{ 0o17 }} {{ 0b101 }} {{ 1e3 }} {{ 1.5E-3 }} {{ 42 }} {{ 3.0 }}", {}),
    ("python-repr-of-containers", "{{ [1, 'a', none, true, 1.5, (1,), {'k': [2]}, ()] }}", {}),
    ("repr-quotes", """{{ ["it's", 'say "hi"', "both ' \\"", "\\n\\t\\\\", "é🙂", "\\x7f"] }}""", {}),
    ("print-constants", "{{ none }} {{ None }} {{ true }} {{ False }} {{ undefined_thing }}|", {}),
    ("float-repr", "{{ 0.1 + 0.2 }} {{ 1e16 }} {{ 1e15 }} {{ 123456789.123 }} {{ 1.0e-4 }} {{ 1e-5 }} {{ -0.0 }} "
                   "{{ 2.5e-10 }} {{ 1/7 }} {{ 1e22 }} {{ 1e23 }} {{ 5e-324 }} {{ 1.7976931348623157e308 }}", {}),
    ("tuples-print", "{{ (1, 2) }} {{ (1,) }} {{ () }} {{ 1, 2 }}", {}),
    ("dict-literal", "{{ {'a': 1, 'b': {'c': [1, 2]}} }}", {}),
    ("nested-braces-in-variable", "{{ {'a': {'b': 1}} }}", {}),
    # arithmetic
    ("arithmetic", "{{ 10 / 4 }} {{ 10 // 4 }} {{ -10 // 4 }} {{ 10 % -3 }} {{ -7 % 3 }} {{ 2 ** -1 }} {{ 2 ** 0.5 }} "
                   "{{ 7.0 // 2 }} {{ -7.5 % 2 }} {{ -7.5 // 2 }} {{ true + true }} {{ 3 * 'ab' }} {{ [1] * 2 }} "
                   "{{ 2 ** 10 }} {{ 7 - 2.5 }} {{ 10 / 2 }}", {}),
    ("power-is-left-associative", "{{ 2 ** 3 ** 2 }} {{ -2 ** 2 }}", {}),
    ("precedence", "{{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }} {{ 2 * 3 ~ 4 }} {{ (1 + 1) ~ 1 }} {{ not 1 == 2 }} {{ -1|abs }}", {}),
    ("string-and-list-concat", "{{ 'a' + 'b' }} {{ [1] + [2, 3] }} {{ (1,) + (2,) }} {{ 1 ~ 2.0 ~ none ~ true ~ x }}", {}),
    ("comparisons", "{{ 1 == 1.0 }} {{ true == 1 }} {{ [1, 2] == [1, 2] }} {{ (1,) == [1] }} {{ 1 < 2 < 3 }} "
                    "{{ 3 > 2 > 2 }} {{ 'b' > 'a' }} {{ [1, 2] < [1, 3] }} {{ 'a' != 'b' }} {{ 2 >= 2.0 }}", {}),
    ("membership", "{{ 'b' in 'abc' }} {{ 2 in [1, 2] }} {{ 'k' in {'k': 1} }} {{ 3 not in [1] }} {{ 'a' in x }}", {}),
    ("logic-returns-operands", "{{ 1 and 2 }} {{ 0 or 'x' }} {{ none or [] }} {{ not none }} {{ '' and x }}|", {}),
    ("conditional-expression", "{{ 'y' if true else 'n' }} {{ 'y' if 0 else 'n' }} [{{ 'y' if false }}] "
                               "{{ 'a' if false else 'b' if true else 'c' }}", {}),
    # access
    ("attribute-and-item", "{{ m.role }} {{ m['content'] }} {{ l[0] }} {{ l[-1] }} {{ l.1 }} {{ 'abc'[1] }}",
     {"m": {"role": "user", "content": "hi"}, "l": [10, 20]}),
    ("missing-keys-are-undefined", "[{{ m.nope }}] {{ m.nope is defined }} {{ m['nope'] is undefined }} [{{ l[5] }}] "
                                   "{{ none.x is defined }}", {"m": {}, "l": [1]}),
    ("methods-beat-keys", "{{ d.items()|list }} {{ d['items'] }} {{ d.get('x', 5) }} {{ d.get('items') }}",
     {"d": {"items": 1}}),
    ("slicing", "{{ 'abc'[::-1] }} {{ [1,2,3][1:] }} {{ 'hello'[1:-1] }} {{ [1,2,3][::2] }} {{ [1,2,3][5:] }} "
                "{{ [1,2,3,4,5][-2:] }} {{ [1,2,3][::-1] }} {{ (1,2,3)[1:] }} {{ 'héllo🙂'[-2:] }} "
                "{{ [1,2,3,4,5][4:0:-2] }} {{ [1,2,3][-10:10] }}", {}),
    ("unicode-length-and-index", "{{ 'héllo🙂'|length }} {{ 'a🙂b'[1] }} {{ '🙂'|list }}", {}),
    # statements
    ("if-elif-else", "{% for x in [1, 2, 3] %}{% if x == 1 %}one{% elif x == 2 %}two{% else %}many{% endif %} {% endfor %}", {}),
    ("loop-variables", "{% for i in 'abc' %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}"
                       "{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.cycle('x', 'y') }}"
                       "[{{ loop.previtem }}|{{ loop.nextitem }}];{% endfor %}", {}),
    ("loop-else-and-filter", "{% for x in [1, 2, 3] if x > 1 %}{{ loop.index }}/{{ loop.length }} {% else %}none{% endfor %}"
                             "{% for x in [] %}x{% else %}empty{% endfor %}{% for x in y %}x{% else %}undefined{% endfor %}", {}),
    ("loop-unpacking", "{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}{% for a, (b, c) in [(1, (2, 3))] %}{{ a }}{{ b }}{{ c }}{% endfor %}",
     {"d": {"a": 1, "b": 2}}),
    ("loop-over-dict-and-string", "{% for k in d %}{{ k }}{% endfor %}|{% for c in 'ab' %}{{ c }}.{% endfor %}", {"d": {"x": 1, "y": 2}}),
    ("break-continue", "{% for x in [1, 2, 3, 4] %}{% if x == 2 %}{% continue %}{% endif %}{{ x }}{% if x == 3 %}{% break %}{% endif %}{% endfor %}", {}),
    ("nested-loops-have-own-loop", "{% for a in [1, 2] %}{% for b in 'xy' %}{{ loop.index }}{{ b }}{% endfor %}{{ loop.index }};{% endfor %}", {}),
    ("loop-scope", "{% set x = 1 %}{% for i in [1, 2] %}{{ x }}{% set x = x + 5 %}{{ x }},{% endfor %}{{ x }}", {}),
    ("loop-assignments-do-not-survive-iterations", "{% for i in [1, 2] %}{% if i == 1 %}{% set x = 'a' %}{% endif %}[{{ x }}]{% endfor %}[{{ i }}]", {}),
    ("namespace", "{% set ns = namespace(c=0, items=[]) %}{% for x in [1, 2, 3] %}{% set ns.c = ns.c + x %}{% endfor %}"
                  "{{ ns.c }} {{ ns.items }} {{ namespace(a=1) }}", {}),
    ("namespace-from-dict", "{% set ns = namespace({'a': 1}, b=2) %}{{ ns.a }}{{ ns.b }}", {}),
    ("set-forms", "{% set a, b = 1, 2 %}{{ a }}{{ b }}{% set t = 3, 4 %}{{ t }}{% set s %}hi {{ a }}{% endset %}[{{ s }}]"
                  "{% set u | upper %}up{% endset %}{{ u }}", {}),
    ("set-block-has-own-scope", "{% set x %}{% set y = 1 %}{{ y }}{% endset %}{{ x }}[{{ y }}]", {}),
    ("set-at-top-level-is-visible-later", "{% if true %}{% set x = 5 %}{% endif %}{{ x }}", {}),
    ("macros", "{% macro m(a, b='x') %}<{{ a }}{{ b }}{{ a is defined }}>{% endmacro %}{{ m(1) }}{{ m(1, b=2) }}{{ m(b=3, a=4) }}{{ m() }}", {}),
    ("macro-varargs-kwargs", "{% macro m(a) %}{{ a }}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1, 2, 3, k=4) }}", {}),
    ("macro-reads-globals-at-call-time", "{% macro m() %}{{ x }}{% endmacro %}{% set x = 1 %}{{ m() }}{% set x = 2 %}{{ m() }}", {}),
    ("macro-default-uses-earlier-argument", "{% macro m(a, b=a * 2) %}{{ b }}{% endmacro %}{{ m(3) }}", {}),
    ("call-block", "{% macro m(x) %}[{{ caller(x + 1) }}]{% endmacro %}{% call(y) m(1) %}got {{ y }}{% endcall %}", {}),
    ("filter-block", "{% filter upper %}ab{{ 'c' }}{% endfilter %}{% filter trim | title %}  hello world  {% endfilter %}", {}),
    ("with-block", "{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}[{{ a }}]", {}),
    ("generation-block", "{% generation %}{% set y = 3 %}{{ y }}{% endgeneration %}[{{ y }}]", {}),
    ("print-tag", "{% print 1 + 1 %}", {}),
    # tests
    ("type-tests", "{{ x is mapping }}{{ x is sequence }}{{ 's' is sequence }}{{ x is iterable }}{{ 1 is number }}"
                   "{{ true is number }}{{ true is integer }}{{ 1.0 is integer }}{{ 1.0 is float }}{{ 'a' is string }}"
                   "{{ none is none }}{{ true is boolean }}{{ 1 is boolean }}{{ true is true }}{{ 1 is true }}{{ false is false }}", {"x": {}}),
    ("undefined-tests", "{{ u is defined }}{{ u is undefined }}{{ u is sequence }}{{ u is mapping }}{{ u is string }}"
                        "{{ u is none }}{{ u is number }}{{ u is iterable }}{{ u is callable }}", {}),
    ("value-tests", "{{ 4 is divisibleby 2 }}{{ 4 is divisibleby(3) }}{{ 3 is odd }}{{ 2.0 is even }}{{ 1 is eq 1 }}"
                    "{{ 1 is equalto 1.0 }}{{ none is sameas none }}{{ 1 is ne 2 }}{{ 2 is gt 1 }}{{ 2 is lt 1 }}"
                    "{{ 'ab' is lower }}{{ 'AB' is upper }}{{ 2 is in [1, 2] }}{{ 'upper' is filter }}{{ 'odd' is test }}"
                    "{{ 1 is not none }}{{ not 1 is none }}", {}),
    ("is-not", "{{ x is not defined }} {{ 1 is not string }} {{ none is not none }}", {}),
    # filters
    ("default-filter", "{{ x|default('d') }} {{ none|default('d') }} {{ none|default('d', true) }} {{ 0|d('z', true) }} "
                       "{{ false|default('d') }} [{{ x|default }}]", {}),
    ("length-and-count", "{{ x|length }} {{ 'héllo'|count }} {{ {'a': 1}|length }} {{ [1, 2]|length }}", {}),
    ("text-filters", "{{ '  x  '|trim }}|{{ 'xxaxx'|trim('x') }}|{{ 'a b'|replace(' ', '_') }}|{{ 'aaa'|replace('a', 'b', 2) }}|"
                     "{{ 'hello wORLD-foo (bar) [baz]'|title }}|{{ 'hello wORLD'|capitalize }}|{{ 'MiXed'|lower }}{{ 'MiXed'|upper }}|"
                     "{{ 'straße'|upper }}|{{ 'ab'|center(6) }}|{{ 'abc'|center(6) }}", {}),
    ("indent", "{{ 'a\\nb\\n\\nc'|indent }}|{{ 'a\\nb'|indent(2, true) }}|{{ 'a\\n\\nb'|indent(2, blank=true) }}|"
               "{{ 'x\\ny'|indent('> ') }}|{{ 'a\\n'|indent(1) }}", {}),
    ("escape-and-safe", """{{ "<a href='x'>\\"&"|e }} {{ '<b>'|safe }} {{ '<b>'|safe|e }} {{ ('<'|e) + '<' }} """
                        """{{ '<' + ('<'|safe) }} {{ ('<'|e) ~ '<' }} {{ none|e }} {{ x|e }}|{{ 3|escape }} {{ ['<']|e }}""", {}),
    ("string-filter", "{{ [1, 'a']|string }} {{ 1|string ~ 2 }} {{ none|string }}", {}),
    ("list-first-last-reverse", "{{ 'abc'|list }} {{ {'a': 1}|list }} {{ []|first }}|{{ [1, 2]|first }}|{{ []|last }}|"
                                "{{ 'ab'|last }}|{{ {'a': 1}|first }} {{ 'abc'|reverse }} {{ [1, 2]|reverse|list }}", {}),
    ("join", "{{ ['a', 'b']|join(',') }} {{ [1, 2]|join }} {{ [1, none]|join('-') }} {{ l|join(', ', attribute='n') }}",
     {"l": [{"n": 1}, {"n": 2}]}),
    ("sort-unique", "{{ [3, 1, 2]|sort }} {{ ['b', 'A', 'a', 'B']|sort }} {{ ['b', 'A']|sort(case_sensitive=true) }} "
                    "{{ [3, 1]|sort(true) }} {{ l|sort(attribute='n')|map(attribute='n')|list }} "
                    "{{ ['a', 'A', 'b', 1, 1.0]|unique|list }} {{ ['a', 'A']|unique(true)|list }}",
     {"l": [{"n": 2}, {"n": 1}]}),
    ("map-select-reject", "{{ l|map(attribute='x')|list }} {{ l|map(attribute='x', default=0)|list }} "
                          "{{ ['a', 'b']|map('upper')|join(',') }} {{ ['a']|map('replace', 'a', 'z')|list }} "
                          "{{ l|selectattr('x')|list }} {{ l|rejectattr('x')|list }} {{ l|selectattr('n', 'equalto', 2)|list }} "
                          "{{ [1, 2, 3, 4]|select('odd')|list }} {{ [0, 1, none, '']|select|list }} {{ [1, 2, 3]|reject('gt', 1)|list }}",
     {"l": [{"n": 2}, {"x": 1}]}),
    ("items-dictsort", "{{ {'a': 1}|items|list }} {{ x|items|list }} {{ {'b': 1, 'a': 2}|dictsort }} "
                       "{{ {'b': 1, 'a': 2}|dictsort(by='value') }} {{ {'b': 1, 'A': 2}|dictsort(reverse=true) }}", {}),
    ("numeric-filters", "{{ '42'|int }} {{ '4.7'|int }} {{ 'x'|int }} {{ 'x'|int(5) }} {{ 4.7|int }} {{ none|int }} "
                        "{{ '0x1A'|int(base=16) }} {{ '  12 '|int }} {{ true|int }} {{ '4.5'|float }} {{ 'x'|float }} {{ 3|float }} "
                        "{{ ' 1e3 '|float }} {{ 'inf'|float }} {{ -3|abs }} {{ -3.5|abs }}", {}),
    ("round", "{{ 2.5|round }} {{ 3.5|round }} {{ 2.675|round(2) }} {{ 3|round }} {{ 3.14159|round(2, 'floor') }} "
              "{{ 3.1|round(0, 'ceil') }} {{ -2.5|round }} {{ 1234.5|round(-2) }} {{ 1250|round(-2) }}", {}),
    ("aggregates", "{{ [1, 2, 3]|sum }} {{ [1, 2, 3]|max }} {{ ['b', 'A']|min }} {{ []|sum }} {{ [1.5, 2]|sum }} "
                   "{{ l|sum(attribute='n') }} {{ l|max(attribute='n') }}", {"l": [{"n": 2}, {"n": 5}]}),
    ("batch", "{{ [1, 2, 3, 4, 5]|batch(2)|list }} {{ [1, 2, 3]|batch(2, 'x')|list }}", {}),
    ("undefined-through-filters", "{{ x|upper }}|{{ x|trim }}|{{ x|list }}|{{ x|join }}|{{ x|string }}|{{ x|first }}|"
                                  "{{ x|sort }}|{{ x|unique|list }}|{{ x|map('upper')|list }}|{{ x|select|list }}|{{ x|sum }}|"
                                  "{{ x|capitalize }}|{{ x|replace('a', 'b') }}|{{ x|safe }}|{{ x|max }}|{{ x|last }}", {}),
    ("attr-filter", "{{ m|attr('role') }}", {"m": {"role": "user"}}),
    # tojson
    ("tojson-default", "{{ d|tojson }}", {"d": {"a": [1, 2.5, None, True, "é\n\"\\/\u0001\t"], "b": {}, "c": [], "🙂": 1e20}}),
    ("tojson-indent", "{{ d|tojson(indent=2) }}|{{ d|tojson(indent='\\t') }}|{{ []|tojson(indent=2) }}|{{ d|tojson(indent=0) }}",
     {"d": {"a": [1, {"b": 2}], "c": []}}),
    ("tojson-options", "{{ d|tojson(sort_keys=true) }} {{ d|tojson(separators=(',', ':')) }} {{ d|tojson(ensure_ascii=true) }} "
                       "{{ d|tojson(4) }}", {"d": {"b": "é🙂", "a": 1}}),
    ("tojson-scalars", "{{ 'x'|tojson }} {{ 1|tojson }} {{ 1.0|tojson }} {{ none|tojson }} {{ true|tojson }} {{ (1, 'a')|tojson }} "
                       "{{ {1: 2, 1.5: 3, none: 4, false: 5}|tojson }}", {}),
    # string methods
    ("split", "{{ 'a,b,,c'.split(',') }} {{ ' a  b '.split() }} {{ 'a b c'.split(none, 1) }} {{ 'a,b,c'.split(',', 1) }} "
              "{{ 'a,b,c'.rsplit(',', 1) }} {{ '  a b  '.rsplit(none, 1) }} {{ ''.split() }} {{ ''.split(',') }} "
              "{{ 'a\\nb\\r\\nc'.splitlines() }}", {}),
    ("strip-family", "{{ 'xxhixx'.strip('x') }}|{{ '  hi\\n'.rstrip() }}|{{ '\\n\\nhi'.lstrip('\\n') }}|{{ ' \\u00a0hi\\u3000'.strip() }}|"
                     "{{ 'abcba'.strip('ab') }}", {}),
    ("find-count-affixes", "{{ 'hello'.startswith(('x', 'he')) }} {{ 'hello'.endswith('lo') }} {{ 'hello'.startswith('l', 2) }} "
                           "{{ 'hello'.find('l') }} {{ 'hello'.rfind('l') }} {{ 'hello'.find('z') }} {{ 'h🙂llo'.find('l') }} "
                           "{{ 'hello'.count('l') }} {{ 'aaa'.count('') }} {{ 'hello'.find('l', 3) }}", {}),
    ("case-methods", "{{ 'héllo wörld'.title() }} {{ \"they're\".title() }} {{ 'ÉCOLE'.lower() }} {{ 'straße'.upper() }} "
                     "{{ 'hello'.capitalize() }} {{ 'abc'.isalpha() }} {{ '12'.isdigit() }} {{ ' '.isspace() }} {{ 'Ab'.islower() }}", {}),
    ("replace-join-format", "{{ 'aaa'.replace('a', 'b') }} {{ 'aaa'.replace('a', 'b', 1) }} {{ 'ab'.replace('', '-') }} "
                            "{{ ', '.join(['a', 'b']) }} {{ '{} {}'.format(1, 'a') }} {{ '{0}{0} {name}'.format('x', name='y') }} "
                            "{{ '{{}} {!r}'.format('q') }}", {}),
    ("percent-formatting", "{{ '%s-%d' % ('a', 3) }} {{ '%5.2f|%-4d|%04d|%+d' % (3.14159, 7, 42, 5) }} "
                           "{{ '%(a)s and %(b)r' % {'a': 1, 'b': 'x'} }} {{ '%x %o %c %%' % (255, 8, 65) }} {{ 'a' % [1] }} "
                           "{{ '%.2f' % 0.125 }} {{ '%.3s' % 'abcdef' }} {{ '%s'|format('x') }} {{ '%(n)s'|format(n=5) }}", {}),
    ("error-percent-format-unused-argument", "{{ 'a' % 5 }}", {}),
    ("dict-methods", "{{ d.keys()|list }} {{ d.values()|list }} {{ d.get('a') }} {{ d.get('z') }} {{ d.get('z', 0) }} "
                     "{% for k, v in d.items() %}{{ k }}{{ v }}{% endfor %}", {"d": {"a": 1, "b": 2}}),
    ("list-methods", "{{ [1, 2, 1].count(1) }} {{ ['a', 'b'].index('b') }}", {}),
    # globals
    ("range", "{{ range(3)|list }} {{ range(1, 10, 3)|list }} {{ range(5, 0, -2)|list }} {% for i in range(2) %}{{ i }}{% endfor %}", {}),
    ("dict-global", "{{ dict(a=1, b=2) }} {{ dict({'x': 1}, y=2) }}", {}),
    ("strftime-now", "{{ strftime_now('%Y-%m-%d %H:%M:%S|%a %A|%b %B|%j %I %p %y|%e|%%') }}", {}),
    # chat-shaped
    ("chat-loop", "{% for m in messages %}<|{{ m.role }}|>{{ m.content }}{% if not loop.last %}\n{% endif %}{% endfor %}"
                  "{% if add_generation_prompt %}<|assistant|>{% endif %}", {"messages": MESSAGES, "add_generation_prompt": True}),
    ("chat-system-split", "{% if messages[0]['role'] == 'system' %}{% set sys = messages[0]['content'] %}"
                          "{% set rest = messages[1:] %}{% else %}{% set rest = messages %}{% endif %}"
                          "[{{ sys }}]{% for m in rest %}{{ m.role[0]|upper }}:{{ m.content|trim }} {% endfor %}", {"messages": MESSAGES}),
    # errors
    ("error-undefined-attribute", "{{ foo.bar }}", {}),
    ("error-undefined-call", "{{ foo() }}", {}),
    ("error-undefined-arithmetic", "{{ foo + 1 }}", {}),
    ("error-undefined-comparison", "{{ foo < 1 }}", {}),
    ("error-undefined-item", "{{ foo[0] }}", {}),
    ("error-undefined-method-on-missing-key", "{{ m.content.strip() }}", {"m": {}}),
    ("error-type-mismatch", "{{ 'a' + 1 }}", {}),
    ("error-concat-binds-tighter-than-plus", "{{ 1 + 1 ~ 1 }}", {}),
    ("error-ordering-mismatch", "{{ 'a' < 1 }}", {}),
    ("error-division-by-zero", "{{ 1 // 0 }}", {}),
    ("error-not-callable", "{{ none() }}", {}),
    ("error-unknown-method", "{{ 'abc'.nope() }}", {}),
    ("error-mutating-method", "{{ [].append(1) }}", {}),
    ("error-raise-exception", "{{ raise_exception('bad role') }}", {}),
    ("error-unpack", "{% for a, b in [(1, 2, 3)] %}{% endfor %}", {}),
    ("error-iterate-none", "{% for x in none %}{% endfor %}", {}),
    ("error-namespace-assign", "{% set ns = 1 %}{% set ns.x = 1 %}", {}),
    ("error-tojson-undefined", "{{ x|tojson }}", {}),
    ("error-length-of-int", "{{ 5|length }}", {}),
    ("error-macro-too-many-args", "{% macro m(a) %}{% endmacro %}{{ m(1, 2) }}", {}),
    ("error-macro-unknown-keyword", "{% macro m() %}{% endmacro %}{{ m(a=1) }}", {}),
    ("error-range-too-big", "{{ range(1000000)|length }}", {}),
    ("error-unknown-filter", "{{ x|keys }}", {}),
    ("error-unknown-test", "{{ x is nope }}", {}),
    ("error-unknown-tag", "{% foo %}", {}),
    ("error-do-tag-disabled", "{% do x %}", {}),
    ("error-unclosed-block", "{% if x %}", {}),
    ("error-stray-end-tag", "{% endif %}", {}),
    ("error-break-outside-loop", "{% break %}", {}),
    ("error-bad-expression", "{{ 1 + }}", {}),
    ("error-assign-to-constant", "{% set true = 1 %}", {}),
    ("error-chained-tests", "{{ 1 is number is number }}", {}),
    ("error-unclosed-variable", "{{ x ", {}),
    ("error-unclosed-comment", "{# x ", {}),
    ("error-unbalanced-bracket", "{{ (1 ]}}", {}),
]


# Model templates written from memory (see ModelTemplatesTest), each rendered for several conversations.
WEATHER_TOOL = {"type": "function", "function": {
    "name": "get_weather", "description": "Current weather ",
    "parameters": {"type": "object", "properties": {
        "city": {"type": "string", "description": "City name"},
        "days": {"type": ["integer", "boolean"], "description": "Days"},
        "tags": {"type": "array", "items": {"type": "string"}, "description": "t"},
        "opts": {"type": "object", "additionalProperties": {"type": "number"}, "description": " o "}},
        "required": ["city"]},
    "return": {"type": "object"}}}
CONVERSATIONS = [
    {"messages": [{"role": "user", "content": "Hi"}], "add_generation_prompt": True},
    {"messages": [{"role": "system", "content": "S1"}, {"role": "system", "content": "S2"}, {"role": "user", "content": "Q"},
                  {"role": "assistant", "content": "<think>r</think>A"}, {"role": "user", "content": "Q2"}],
     "add_generation_prompt": True},
    {"messages": [{"role": "user", "content": "W?"},
                  {"role": "assistant", "content": None, "tool_calls": [
                      {"id": "abcdefghi", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\": \"P\"}"}},
                      {"id": "bcdefghij", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\": \"Q\"}"}}]},
                  {"role": "tool", "tool_call_id": "abcdefghi", "content": "21"},
                  {"role": "tool", "tool_call_id": "bcdefghij", "content": "22"},
                  {"role": "assistant", "content": " Sunny. "}],
     "tools": [WEATHER_TOOL], "add_generation_prompt": False},
    {"messages": [{"role": "user", "content": "a"}, {"role": "user", "content": "b"}]},
]
for model in sorted(pathlib.Path(__file__).parent.joinpath("models").glob("*.jinja")):
    for number, conversation in enumerate(CONVERSATIONS):
        variables = {"bos_token": "<s>", "eos_token": "</s>", **conversation}
        CASES.append((f"model-{model.stem}-{number}", model.read_text(encoding="utf-8"), variables))


def render(template, variables):
    try:
        return {"expected": env.from_string(template).render(**copy.deepcopy(variables))}
    except Exception as error:  # noqa: BLE001 - any jinja2 failure is an expected error
        return {"error": True, "jinja2_error": f"{type(error).__name__}: {error}"}


def main():
    cases = [{"name": name, "template": template, "variables": variables, **render(template, variables)}
             for name, template, variables in CASES]
    json.dump({"generator": f"jinja2 {jinja2.__version__}, Hugging Face environment", "cases": cases},
              sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
