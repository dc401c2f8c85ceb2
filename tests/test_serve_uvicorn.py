"""``serve`` subclasses uvicorn's HTTP protocols (:func:`resilience_kg.server.run.header_timeout_protocol`)
to time out unfinished headers, bound their size and cap connections per client. Those are
uvicorn's internals, not its API, so ``pyproject.toml`` bounds uvicorn's version, and this test
fails loudly when the installed uvicorn is outside the bound or the internals have moved."""

from __future__ import annotations

import inspect
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from helpers import extra
from packaging.requirements import Requirement

pytestmark = pytest.mark.server
uvicorn = extra("uvicorn", extra="server")

ROOT = Path(__file__).resolve().parents[1]


def uvicorn_requirement() -> Requirement:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(r) for r in project["optional-dependencies"]["server"]]
    return next(r for r in wanted if r.name == "uvicorn")


def test_uvicorn_has_an_upper_bound_and_the_installed_one_is_inside_it() -> None:
    requirement = uvicorn_requirement()
    assert any(spec.operator == "<" for spec in requirement.specifier), (
        f"{requirement}: serve subclasses uvicorn's internals, so its version needs an upper bound")
    assert requirement.specifier.contains(version("uvicorn")), (
        f"uvicorn {version('uvicorn')} is outside {requirement}: check the internals below, then move the bound")


def protocols() -> list[type]:
    from uvicorn.protocols.http.h11_impl import H11Protocol

    found: list[type] = [H11Protocol]
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:  # pragma: no cover - httptools comes with the server extra
        return found
    return [*found, HttpToolsProtocol]


@pytest.mark.parametrize("protocol", protocols(), ids=lambda p: p.__name__)
def test_the_internals_serve_relies_on_are_there(protocol: type) -> None:
    # The methods the subclass extends, with the arguments it passes.
    hooks = {"connection_made": ["transport"], "connection_lost": ["exc"], "data_received": ["data"],
             "on_response_complete": []}
    if protocol.__name__ == "HttpToolsProtocol":  # the parser's callbacks, where the head is counted
        hooks |= {"on_message_begin": [], "on_url": ["url"], "on_header": ["name", "value"],
                  "on_headers_complete": []}
    for name, arguments in hooks.items():
        method = getattr(protocol, name, None)
        assert callable(method), f"{protocol.__name__}.{name} is gone"
        assert list(inspect.signature(method).parameters)[1:] == arguments, f"{protocol.__name__}.{name} changed"
    # The attributes it reads: the request in progress, the transport and the loop.
    source = inspect.getsource(protocol)
    for attribute in ("self.cycle", "self.transport", "self.loop"):
        assert attribute in source, f"{protocol.__name__} no longer keeps {attribute}"
    cycle = inspect.getsource(inspect.getmodule(protocol))  # type: ignore[arg-type]
    assert "class RequestResponseCycle" in cycle and "self.response_complete" in cycle
