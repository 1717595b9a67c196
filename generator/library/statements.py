"""Library statements as small templates: rendered with the company, role, family and
level as context, in a sandbox (so `{{ ''.__class__.__mro__ }}` is refused) with
StrictUndefined (so a typo is an error, never an empty gap in a document). Values users
supply are passed in as data and are never themselves rendered as templates.
"""

from __future__ import annotations

import re

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from ..core import cache as diskcache
from ..core.caches import memo
from ..core.errors import TemplateError, did_you_mean

_JINJA_MARKERS = ("{{", "{%", "{#")
_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")


MAX_REPEAT = 10_000  # the longest string or list `*` may build; more is a mistake or an attack


class SandboxLimits:
    """Sandbox limits on `*` and `**`, which could otherwise exhaust memory."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError("exponent too large")
        if operator == "*" and any(isinstance(v, (str, list, tuple)) for v in (left, right)):
            count = right if isinstance(right, int) else left
            if isinstance(count, int) and count > MAX_REPEAT:
                raise SecurityError("repetition too large")
        return super().call_binop(context, operator, left, right)


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
