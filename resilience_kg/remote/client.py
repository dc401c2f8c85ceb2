"""An HTTP client for remote triple stores: credentials from the environment, retries with
backoff on transient errors, and errors that name the server.

Credentials never appear on the command line or in logs: set ``RKG_USER`` and ``RKG_PASSWORD``
(HTTP Basic, or Digest with ``RKG_AUTH=digest``, as Virtuoso's Graph Store endpoint needs), or
``RKG_TOKEN`` for a bearer token.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from resilience_kg.errors import ResilienceKGError
from resilience_kg.extras import require

if TYPE_CHECKING:
    import httpx

#: Status codes worth another try: the server is busy or briefly broken.
TRANSIENT = {429, 502, 503, 504}


class RemoteError(ResilienceKGError):
    """A remote server refused a request or could not be reached."""


def _auth(env: Mapping[str, str]) -> Any:
    import httpx

    user, password = env.get("RKG_USER"), env.get("RKG_PASSWORD")
    if user and password is not None:
        if env.get("RKG_AUTH", "basic").lower() == "digest":
            return httpx.DigestAuth(user, password)
        return httpx.BasicAuth(user, password)
    return None


def make_client(*, timeout: float = 60.0, env: Mapping[str, str] | None = None) -> httpx.Client:
    """An httpx client with the credentials the environment gives, if any."""
    require("client", feature="talking to a remote triple store")
    import httpx

    env = os.environ if env is None else env
    headers = {"User-Agent": "resilience-kg"}
    if env.get("RKG_TOKEN"):
        headers["Authorization"] = f"Bearer {env['RKG_TOKEN']}"
    return httpx.Client(auth=_auth(env), headers=headers, timeout=timeout, follow_redirects=False)


def request(
    client: httpx.Client,
    method: str,
    url: str,
    *,
    retries: int = 5,
    backoff: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
    **kwargs: Any,
) -> httpx.Response:
    """Send a request, retrying transport errors and 429/5xx answers with exponential backoff.

    A request that still fails raises :class:`RemoteError` naming the server and the status; a
    4xx answer (other than 429) is not retried: the request itself is wrong.
    """
    import httpx

    last = ""
    tries = retries + 1
    attempt = 0
    while attempt < tries:
        try:
            response = client.request(method, url, **kwargs)
        except httpx.ConnectError as exc:
            # Nothing listens there: worth a second look (a server restarting), not six.
            last = f"cannot reach {url}: {exc}"
            tries = min(tries, 2)
        except httpx.TransportError as exc:
            last = f"cannot reach {url}: {exc}"
        else:
            if response.status_code < 400:
                return response
            last = f"{url} answered {response.status_code}: {response.text.strip()[:300]}"
            if response.status_code not in TRANSIENT:
                raise RemoteError(redact(last))
        attempt += 1
        if attempt < tries:
            sleep(min(8.0, backoff * 2 ** (attempt - 1)))
    raise RemoteError(redact(f"{last} (gave up after {attempt} tries)"))


def redact(message: str, env: Mapping[str, str] | None = None) -> str:
    """The message with any credential from the environment blanked out (a server may echo a
    request's headers back in its error page).

    >>> redact("denied: Basic ZG9lOnMzY3JldA== and s3cret", {"RKG_USER": "doe", "RKG_PASSWORD": "s3cret"})
    'denied: Basic *** and ***'
    """
    import base64

    env = os.environ if env is None else env
    secrets = [env.get(k, "") for k in ("RKG_PASSWORD", "RKG_TOKEN")]
    user, password = env.get("RKG_USER"), env.get("RKG_PASSWORD")
    if user and password:
        secrets.append(base64.b64encode(f"{user}:{password}".encode()).decode())
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        message = message.replace(secret, "***")
    return message
