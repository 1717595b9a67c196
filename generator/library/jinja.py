"""The two Jinja environments, both sandboxed and strict.

Statements in the library are small templates rendered with the company, role, family
and level as context; output templates turn a resolved JobDescription into a format.
Both use the sandbox (so `{{ ''.__class__.__mro__ }}` is refused) and StrictUndefined
(so a typo is an error, never an empty gap in a document). Values users supply are
passed in as data and are never themselves rendered as templates.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment, SecurityError
from markupsafe import Markup

from ..core.cache import jinja_bytecode_cache
from ..core.errors import TemplateError, did_you_mean, display_path
from ..core.provenance import note
from ..render.links import link_runs
from . import sources

_JINJA_MARKERS = ("{{", "{%", "{#")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # XML 1.0 cannot hold these
_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md_escape(text: str) -> str:
    """Markdown filter `md`: escape characters Markdown would read as markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


MAX_REPEAT = 10_000  # the longest string or list `*` may build; more is a mistake or an attack


class _Limits:
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


class _StatementSandbox(_Limits, ImmutableSandboxedEnvironment):
    """Statements: no attribute or item assignment at all."""


class _TemplateSandbox(_Limits, SandboxedEnvironment):
    """Output templates: may set their own variables, nothing more."""


@cache
def statement_env() -> ImmutableSandboxedEnvironment:
    return _StatementSandbox(undefined=jinja2.StrictUndefined, autoescape=False, trim_blocks=True)


@cache
def _compiled_statement(text: str) -> jinja2.Template:
    """Compile once per process; the compiled code is kept in the on-disk cache, since
    compiling costs a single run more than rendering every statement does."""
    import marshal

    from ..core import cache as diskcache

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


@cache
def output_env(kind: str, folders: tuple[Path, ...]) -> jinja2.Environment:
    """Environment for one output kind: 'html' and 'xml' autoescape, 'text' does not.
    Templates are looked up through the layered template folders, first match wins."""
    env = _TemplateSandbox(
        loader=jinja2.FileSystemLoader([str(f) for f in folders]),
        undefined=jinja2.StrictUndefined,
        autoescape=kind in ("html", "xml"),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=jinja_bytecode_cache(kind),
        finalize=_xml_safe if kind == "xml" else None,
    )
    env.filters["links"] = link_runs
    if kind == "text":
        env.filters["md"] = md_escape
    return env


def _xml_safe(value):
    """DOCX output: a stray control character must not make the document unreadable."""
    if isinstance(value, Markup):  # already-escaped XML from a macro: keep it markup
        return Markup(_NOT_XML.sub("", value))
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def render_template(kind: str, name: str, **context) -> str:
    """Render an output template, turning Jinja failures into one-line TemplateErrors.
    The template and every template it includes are noted as read."""
    folders = sources.template_folders()
    env = output_env(kind, folders)
    try:
        note(*(f"templates:{n}" for n in _closure(kind, folders, name)))
        return env.get_template(name).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template not found: {exc.name}", folders[0] if folders else None) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"template syntax error: {exc.message}", exc.filename or name, exc.lineno
        ) from None
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError) as exc:
        file, line = _template_frame(exc)
        raise TemplateError(f"template error: {exc}", file or name, line) from None


_REFERENCE = re.compile(r"""\{%-?\s*(?:extends|include|import|from)\s+["']([^"']+)["']""")


@cache
def _closure(kind: str, folders: tuple[Path, ...], name: str) -> tuple[str, ...]:
    """A template and all it extends, includes or imports, by name. Read from the source
    text (a full parse would cost each process more than rendering does); jdgen's
    templates name the others literally, as Jinja's own `meta` helper also requires."""
    env = output_env(kind, folders)
    found, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo += _REFERENCE.findall(env.loader.get_source(env, current)[0])
    return tuple(sorted(found))


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """Find the innermost template file and line in a traceback (Jinja rewrites it)."""
    tb, found = exc.__traceback__, (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (display_path(filename), tb.tb_lineno)
        tb = tb.tb_next
    return found
