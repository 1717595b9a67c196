"""The output templates' environment: sandboxed and strict like the statements'
(library/statements.py), autoescaping for HTML and XML, with the filters every format
uses; rendering notes each template read, includes too, for provenance.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from markupsafe import Markup

from ..core.cache import jinja_bytecode_cache
from ..core.caches import memo
from ..core.errors import TemplateError, display_path
from ..core.provenance import note
from ..core.reading import read_input
from ..library.sources import Sources
from ..library.statements import SandboxLimits
from .links import link_runs

TEMPLATE_MAX_BYTES = 2_000_000  # jdgen's largest template is a few KB
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # XML 1.0 cannot hold these
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md_escape(text: str) -> str:
    """Markdown filter `md`: escape characters Markdown would read as markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


class _TemplateSandbox(SandboxLimits, SandboxedEnvironment):
    """Output templates: may set their own variables, nothing more."""


class _Loader(jinja2.FileSystemLoader):
    """Jinja's file loader, reading as jdgen reads every file a user may supply: only a
    regular file, and no more than TEMPLATE_MAX_BYTES of it."""

    def get_source(self, environment, template):
        pieces = split_template_path(template)
        found = (posixpath.join(folder, *pieces) for folder in self.searchpath)
        filename = next((f for f in found if os.path.isfile(f)), None)
        if filename is None:
            raise jinja2.TemplateNotFound(template)
        mtime = os.path.getmtime(filename)
        raw = read_input(filename, TEMPLATE_MAX_BYTES, TemplateError, text=True, fix="split the template up")
        return raw.decode(self.encoding), os.path.normpath(filename), lambda: _mtime(filename) == mtime


def _mtime(filename: str) -> float | None:
    try:
        return os.path.getmtime(filename)
    except OSError:
        return None


@memo
def output_env(kind: str, folders: tuple[Path, ...]) -> jinja2.Environment:
    """Environment for one output kind: 'html' and 'xml' autoescape, 'text' does not.
    Templates are looked up through the layered template folders, first match wins."""
    env = _TemplateSandbox(
        loader=_Loader([str(f) for f in folders]),
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
    env.filters["fill"] = fill
    if kind == "text":
        env.filters["md"] = md_escape
    return env


def fill(label: str, **values) -> str:
    """A label's {name} fields filled with the values (labels.yaml words a sentence around
    them, in any language); a value is never read for fields itself."""
    pattern = re.compile("|".join(re.escape("{" + k + "}") for k in values)) if values else None
    return pattern.sub(lambda m: str(values[m.group(0)[1:-1]]), label) if pattern else label


def _xml_safe(value):
    """DOCX output: a stray control character must not make the document unreadable."""
    if isinstance(value, Markup):  # already-escaped XML from a macro: keep it markup
        return Markup(_NOT_XML.sub("", value))
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def render_template(sources: Sources, kind: str, name: str, **context) -> str:
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
    except SecurityError as exc:
        file, line = _template_frame(exc)
        raise TemplateError(
            f"template refused by the sandbox: {exc}", file or name, line, "bound the loop, value or argument"
        ) from None
    except RecursionError as exc:
        file, line = _template_frame(exc)
        raise TemplateError(
            "templates include one another without end",
            file or name,
            line,
            "stop the template including itself",
        ) from None
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError) as exc:
        file, line = _template_frame(exc)
        raise TemplateError(f"template error: {exc}", file or name, line) from None


_REFERENCE = re.compile(r"""\{%-?\s*(?:extends|include|import|from)\s+["']([^"']+)["']""")


@memo
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
