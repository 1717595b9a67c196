"""Library statements as small templates: rendered with the company, role, family and
level as context, in a sandbox (so `{{ ''.__class__.__mro__ }}` is refused) with
StrictUndefined (so a typo is an error, never an empty gap in a document). Values users
supply are passed in as data and are never themselves rendered as templates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextvars import ContextVar
from string import Formatter

import jinja2
from jinja2 import nodes, pass_context
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import _PassArg
from jinja2.visitor import NodeTransformer

from ..core import cache as diskcache
from ..core.caches import memo
from ..core.errors import TemplateError, did_you_mean

_JINJA_MARKERS = ("{{", "{%", "{#")
_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")


# One render (a statement, or an output template with all it includes and imports):
MAX_SIZE = 1_000_000  # the longest string or list any operation may build; a document is ~50 KB
MAX_CHARS = 20_000_000  # every character written or built, all buffers and macros counted
MAX_STEPS = 200_000  # loop iterations and calls
MAX_DEPTH = 50  # macros calling macros (a recursive loop counts too)
MAX_INT_BITS = 4_096  # a number the arithmetic may make (Python prints at most 4,300 digits)

_BUDGET: ContextVar[_Budget | None] = ContextVar("jdgen_template_budget", default=None)
_SPEC_NUMBER = re.compile(r"\d+")
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(\*|\d*)(?:\.(\*|\d*))?")
_SIZED = (str, list, tuple, dict, set, frozenset)


class _Budget:
    """What one render has spent so far."""

    __slots__ = ("chars", "depth", "steps")

    def __init__(self) -> None:
        self.chars = self.steps = self.depth = 0


class _Template(jinja2.Template):
    """A template whose every render gets a fresh budget (includes and imports share it)."""

    def render(self, *args, **kwargs) -> str:
        token = _BUDGET.set(_Budget())
        try:
            return super().render(*args, **kwargs)
        finally:
            _BUDGET.reset(token)


class SandboxLimits:
    """Resource limits for the sandbox, so no template or statement can exhaust memory or
    run for ever: the size of every value built and of all output, loop iterations and
    calls, macro depth, and the arguments of filters and string methods."""

    template_class = _Template
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters = {name: _bounded_filter(name, f) for name, f in self.filters.items()}
        self.filters["jdgen_loop"] = _counted
        self.filters["jdgen_out"] = _written
        # Jinja's filler text builds its whole result before anything can measure it, and
        # no document needs it
        self.globals.pop("lipsum", None)

    def _parse(self, source, name, filename):
        """Every loop counted, every output and `~` measured: rewritten in the syntax tree
        (Jinja has no other hook on them)."""
        return _Bounds().visit(super()._parse(source, name, filename))

    def call_binop(self, context, operator, left, right):
        _check_binop(operator, left, right)
        return _sized(super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        budget = _BUDGET.get()
        _check_method(__obj, args, kwargs)
        nested = isinstance(__obj, (Macro, LoopContext))
        if isinstance(__obj, LoopContext) and args:
            args = (_counted(args[0]), *args[1:])
        if budget is not None:
            _step(budget)
            budget.depth += nested
            if budget.depth > MAX_DEPTH:
                raise SecurityError(f"macros call one another more than {MAX_DEPTH} deep")
        try:
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            if budget is not None:
                budget.depth -= nested
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, (list, dict, set)):
            _sized(owner)  # list.append and friends grow a value in place
        return _sized(result)

    def wrap_str_format(self, value):
        """`'{:>99999999}'.format(x)`: a width is an argument too."""
        wrapper = super().wrap_str_format(value)
        if wrapper is not None:
            for _, _, spec, _ in Formatter().parse(str(value.__self__)):
                if spec and ("{" in spec or any(int(n) > MAX_SIZE for n in _SPEC_NUMBER.findall(spec))):
                    raise SecurityError(f"format width '{spec}' is not a number up to {MAX_SIZE:,}")
        return wrapper


class _Bounds(NodeTransformer):
    """Wrap each loop's iterable in `jdgen_loop`, each value written in `jdgen_out` (with
    the literal text beside it), and each `~` in `jdgen_out` too (it measures a value)."""

    def visit_For(self, node: nodes.For) -> nodes.For:
        self.generic_visit(node)
        node.iter = _filter(node.iter, "jdgen_loop")
        return node

    def visit_Output(self, node: nodes.Output) -> nodes.Output:
        self.generic_visit(node)
        literal = sum(len(c.data) for c in node.nodes if isinstance(c, nodes.TemplateData))
        node.nodes = [c if isinstance(c, nodes.TemplateData) else _filter(c, "jdgen_out") for c in node.nodes]
        if literal:
            node.nodes.append(_filter(nodes.Const("", lineno=node.lineno), "jdgen_out", nodes.Const(literal)))
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Expr:
        self.generic_visit(node)
        return _filter(node, "jdgen_out")


def _filter(node: nodes.Expr, name: str, *args: nodes.Expr) -> nodes.Filter:
    return nodes.Filter(node, name, list(args), [], None, None, lineno=node.lineno)


def _counted(iterable):
    """A loop's items, each one step of the budget."""
    budget = _BUDGET.get()
    for item in iterable:
        if budget is not None:
            _step(budget)
        yield item


@pass_context
def _written(context, value, extra: int = 0):
    """A value about to be written (or `~`-joined), and the literal text written with it."""
    size = len(value) if isinstance(value, str) else len(str(value)) if value is not None else 0
    if size > MAX_SIZE:
        raise SecurityError(f"a text of {size:,} characters, over the {MAX_SIZE:,} limit")
    _charge(size + extra)
    return value


def _step(budget: _Budget) -> None:
    budget.steps += 1
    if budget.steps > MAX_STEPS:
        raise SecurityError(f"loops and calls ran more than {MAX_STEPS:,} times")


def _charge(size: int) -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.chars += size
        if budget.chars > MAX_CHARS:
            raise SecurityError(f"more than {MAX_CHARS:,} characters written or built")


def _sized(value):
    """The value, if it is no bigger than MAX_SIZE; its size is charged to the budget."""
    if isinstance(value, _SIZED):
        size = len(value)
        if size > MAX_SIZE:
            raise SecurityError(f"a value of {size:,} characters or items, over the {MAX_SIZE:,} limit")
        _charge(size)
    elif isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise SecurityError(f"a number over {MAX_INT_BITS:,} bits")
    return value


def _too_big(size: int, what: str) -> None:
    if size > MAX_SIZE:
        raise SecurityError(f"{what} too large: {size:,} characters or items, over the {MAX_SIZE:,} limit")


def _check_binop(operator: str, left, right) -> None:
    """Refuse an operation whose result would be too big, before it is built."""
    ints = isinstance(left, int) and isinstance(right, int)
    if operator == "**" and isinstance(right, int):
        if abs(right) > 64 or (isinstance(left, int) and left.bit_length() * abs(right) > MAX_INT_BITS):
            raise SecurityError("exponent too large")
    elif operator == "*" and ints:
        if left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise SecurityError(f"a number over {MAX_INT_BITS:,} bits")
    elif operator == "*":
        for seq, count in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(count, int):
                _too_big(len(seq) * count, "repetition")
    elif operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
        _too_big(len(left) + len(right), "'+'")
    elif operator == "%" and isinstance(left, str):
        _check_percent(left)


def _check_percent(text: str) -> None:
    for width, precision in _PERCENT_SPEC.findall(text):
        for number in (width, precision):
            if number == "*" or (number and int(number) > MAX_SIZE):
                raise SecurityError(f"format width '{number}' is not a number up to {MAX_SIZE:,}")


def _check_arguments(name: str, args, kwargs) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
            raise SecurityError(f"'{name}' argument {value:,} is over the {MAX_SIZE:,} limit")


def _estimate(name: str, value, args, kwargs) -> int | None:
    """The size a string operation would build, where arguments multiply it."""
    if not isinstance(value, str):
        return None
    if name == "replace" and len(args) >= 2 and isinstance(args[1], str):
        old, new = str(args[0]), args[1]
        return len(value) + (value.count(old) if old else len(value) + 1) * len(new)
    if name == "indent":
        width = args[0] if args else kwargs.get("width", 4)
        return len(value) + (value.count("\n") + 1) * (len(width) if isinstance(width, str) else width)
    if name == "wordwrap":
        width = args[0] if args else kwargs.get("width", 79)
        wrap = args[2] if len(args) > 2 else kwargs.get("wrapstring") or "\n"
        return len(value) + (len(value) // max(int(width), 1) + 1) * len(str(wrap))
    if name == "expandtabs":
        return len(value) + value.count("\t") * (args[0] if args else kwargs.get("tabsize", 8))
    return None


def _check_join(separator: str, items: list) -> None:
    _too_big(sum(len(str(i)) for i in items) + len(separator) * len(items), "join")


def _check_method(obj, args, kwargs) -> None:
    """String methods whose arguments set the size of what they build: `'x'.center(10**9)`."""
    owner = getattr(obj, "__self__", None)
    if not isinstance(owner, str):
        return
    name = getattr(obj, "__name__", "")
    _check_arguments(name, args, kwargs)
    if name == "join" and args:
        _check_join(owner, list(args[0]) if not isinstance(args[0], (list, tuple)) else args[0])
    size = _estimate(name, owner, args, kwargs)
    if size is not None:
        _too_big(size, f"'{name}'")


def _bounded_filter(name: str, func):
    """A filter whose integer arguments are bounded, whose size is estimated where its
    arguments multiply it, and whose result is measured; never folded at compile time."""
    passed = _PassArg.from_obj(func)

    @pass_context
    def bounded(context, value, *args, **kwargs):
        _check_arguments(name, args, kwargs)
        if name == "format" and isinstance(value, str):
            _check_percent(value)
        if name == "join" and isinstance(value, Iterable) and not kwargs.get("attribute") and len(args) < 2:
            value = list(value)
            _check_join(str(args[0] if args else kwargs.get("d", "")), value)
        size = _estimate(name, value, args, kwargs)
        if size is not None:
            _too_big(size, f"'{name}'")
        first = {
            _PassArg.context: (context,),
            _PassArg.eval_context: (context.eval_ctx,),
            _PassArg.environment: (context.environment,),
        }.get(passed, ())
        return _sized(func(*first, value, *args, **kwargs))

    return bounded


class _StatementSandbox(SandboxLimits, ImmutableSandboxedEnvironment):
    """Statements: no attribute or item assignment at all."""


@memo
def statement_env() -> ImmutableSandboxedEnvironment:
    return _StatementSandbox(undefined=jinja2.StrictUndefined, autoescape=False, trim_blocks=True)


@memo
def _compiled_statement(text: str) -> jinja2.Template:
    """Compile once per process; the compiled code is kept in the on-disk cache, since
    compiling costs a single run more than rendering every statement does."""
    import marshal

    env = statement_env()
    name = f"statement-{diskcache.key(text)}"
    data = diskcache.load(name)
    try:
        code = marshal.loads(data) if isinstance(data, bytes) else None
    except (ValueError, EOFError, TypeError):
        code = None
    if code is None:
        code = env.compile(text)  # raises TemplateSyntaxError, reported by the caller
        diskcache.store(name, marshal.dumps(code))
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def render_statement(text: str, context: dict) -> str:
    """Render one library statement; plain text skips Jinja entirely (the common case)."""
    if not any(marker in text for marker in _JINJA_MARKERS):
        return str(text)
    file, line = getattr(text, "file", None), getattr(text, "line", None)
    try:
        rendered = _compiled_statement(str(text)).render(context).strip()
        return _DOUBLE_STOP.sub(".", rendered)  # "Acme Inc." ending a sentence: one stop
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"template syntax error in statement: {exc.message}", file, line, "fix the {{ }} expression"
        ) from None
    except jinja2.UndefinedError as exc:
        raise _undefined_name(str(text), context, file, line, exc) from None
    except SecurityError as exc:
        raise TemplateError(
            f"statement refused by the sandbox: {exc}", file, line, "use plain {{ name.field }} values"
        ) from None
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError) as exc:
        raise TemplateError(
            f"statement could not be rendered: {exc}", file, line, "use plain {{ name.field }} values"
        ) from None


_NAME = re.compile(r"\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)")


def _undefined_name(text: str, context: dict, file, line, exc) -> TemplateError:
    """Name the misspelt placeholder, the closest valid one and all the valid ones."""
    valid = sorted(f"{k}.{f}" for k, v in context.items() for f in v)
    wrong = next((n for n in _NAME.findall(text) if n not in valid), None)
    if wrong is None:
        return TemplateError(
            f"statement uses an undefined name: {exc.message}", file, line, f"use one of {', '.join(valid)}"
        )
    return TemplateError(
        f"statement uses unknown name '{{{{ {wrong} }}}}'.{did_you_mean(wrong, valid)}",
        file,
        line,
        f"use one of {', '.join(valid)}",
        "statement.unknown-name",
    )
