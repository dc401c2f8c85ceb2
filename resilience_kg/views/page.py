"""Write a view as one self-contained HTML page: vis-network's JavaScript and CSS inlined, no
Bootstrap, no request to any other host, a Content-Security-Policy that forbids remote loads.

vis-network comes from the copy that the pyvis package ships (no download at run time). Our own
script and the data are inlined too; the data sits in a ``<script type="application/json">``
block with ``<``, ``>`` and ``&`` escaped, so no label can close the block, and the page's
script reads it with ``JSON.parse`` and shows every string as text.
"""

from __future__ import annotations

import base64
import hashlib
import json
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING, Any

from resilience_kg._version import __version__
from resilience_kg.errors import ResilienceKGError
from resilience_kg.files import atomic_write

if TYPE_CHECKING:
    from resilience_kg.views.network_view import ViewData

VIS_VERSION = "9.1.2"
_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def _vis_asset(name: str) -> str:
    """A file of the vis-network build that pyvis ships (read from the installed package).

    pyvis does not promise this path; pyproject.toml pins the range whose layout we rely on, and a
    moved asset is a clear error rather than a page without its network.
    """
    asset = files("pyvis").joinpath("lib", f"vis-{VIS_VERSION}", name)
    if not asset.is_file():
        import importlib.metadata

        raise ResilienceKGError(
            f"vis-network {VIS_VERSION} is not where pyvis {importlib.metadata.version('pyvis')} used to ship it "
            f"(pyvis/lib/vis-{VIS_VERSION}/{name}); install pyvis within the range pyproject.toml pins"
        )
    return asset.read_text(encoding="utf-8")


def _template(name: str) -> str:
    return files("resilience_kg.views").joinpath("templates", name).read_text(encoding="utf-8")


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>``, ``&`` and the two line
    separators JavaScript treats as line ends are escaped.

    >>> script_json({"label": "</script><img src=x>"})
    '{"label": "\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=False)
    for raw, esc in _SCRIPT_ESCAPES:
        text = text.replace(raw, esc)
    return text


def _sha256(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


def csp(scripts: list[str]) -> str:
    """A policy that lets only these inline scripts run (by hash) and loads nothing remote."""
    return "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(_sha256(s) for s in scripts),
            "style-src 'unsafe-inline'",  # vis-network sets inline styles; styles cannot run code
            "img-src data: blob:",
            "font-src data:",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def view_policy() -> str:
    """The policy of every view page: its two inline scripts by hash, nothing remote."""
    return csp([_vis_asset("vis-network.min.js"), _template("view.js")])


def render_page(data: ViewData, options: dict[str, Any]) -> str:
    """The HTML page for a view and its vis-network options."""
    vis_js = _vis_asset("vis-network.min.js")
    view_js = _template("view.js")
    payload = {**data.to_dict(), "options": options}
    page = Template(interface_text(_template("network.html"), data.lang)).substitute(
        csp=view_policy(),
        version=__version__,
        lang=_escape_text(data.lang),
        title=_escape_text(data.title_in(data.lang) + " \u2014 resilience-kg"),
        vis_css=_vis_asset("vis-network.css"),
        view_css=_template("view.css"),
        data=script_json(payload),
        vis_js=vis_js,
        view_js=view_js,
    )
    return page


def interface_text(template: str, lang: str) -> str:
    """The page's template with its interface text in ``lang``: every element marked
    ``data-msg="id"`` holds that message, every ``data-msg-placeholder="id"`` gets it as its
    placeholder. The page's script writes them again when the reader switches language; written
    here too, the page reads right before the script runs.

    >>> interface_text('<h2 data-msg="legend.h"></h2>', "id")
    '<h2 data-msg="legend.h">Keterangan</h2>'
    >>> interface_text('<input data-msg-placeholder="search.placeholder">', "en")
    '<input data-msg-placeholder="search.placeholder" placeholder="Acronym or name">'
    """
    import re

    from resilience_kg.views.network_view import view_text

    def fill(m: re.Match[str]) -> str:
        # A $ is doubled: the template is a string.Template, filled after this.
        return m.group(1) + _escape_text(view_text(m.group(3), lang)).replace("$", "$$") + m.group(4)

    def placeholder(m: re.Match[str]) -> str:
        text = _escape_text(view_text(m.group(1), lang)).replace("$", "$$")
        return f'{m.group(0)} placeholder="{text}"'

    template = re.sub(r'(<(\w+)\b[^>]*\sdata-msg="([^"]+)"[^>]*>)(</\2>)', fill, template)
    return re.sub(r'data-msg-placeholder="([^"]+)"', placeholder, template)


def _escape_text(text: str) -> str:
    from html import escape

    return escape(text, quote=True)


def page_html(data: ViewData) -> str:
    """The page of a view, built with pyvis's Network as the container."""
    from resilience_kg.views.network_view import to_pyvis

    net = to_pyvis(data)
    # The page is drawn from pyvis's node and edge lists and its options.
    data.nodes, data.edges = net.nodes, net.edges
    return render_page(data, net.options)


def write_page(data: ViewData, path: str | Path) -> Path:
    """Write the page of a view atomically."""
    return atomic_write(path, page_html(data).encode("utf-8"))
