"""An HTTP client for remote triple stores: credentials from the environment, retries with
backoff on transient errors, and errors that name the server.

Credentials never appear on the command line or in logs: set ``RKG_USER`` and ``RKG_PASSWORD``
(HTTP Basic, or Digest with ``RKG_AUTH=digest``, as Virtuoso's Graph Store endpoint needs), or
``RKG_TOKEN`` for a bearer token. A URL may still carry them (``http://user:pass@host/...``): they
are taken out of the URL before it is used, sent the same way, and blanked from every message.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, Any

from resilience_kg.errors import RemoteError
from resilience_kg.extras import require

if TYPE_CHECKING:
    import httpx

#: Status codes worth another try: the server is busy or briefly broken.
TRANSIENT = {429, 502, 503, 504}


def _auth(env: Mapping[str, str]) -> Any:
    import httpx

    user, password = env.get("RKG_USER"), env.get("RKG_PASSWORD")
    if user and password is not None:
        if env.get("RKG_AUTH", "basic").lower() == "digest":
            return httpx.DigestAuth(user, password)
        return httpx.BasicAuth(user, password)
    return None


# Passwords met in URLs during this run, blanked from messages as the RKG_* ones are.
_URL_SECRETS: set[str] = set()
_URL_AUTHS: dict[tuple[str, str, bool], Any] = {}
_USERINFO = re.compile(r"(?<=://)[^/?#@\s]*@")


def split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """``url`` without its userinfo, and the user and password it held (percent-decoded).

    >>> split_credentials("http://doe:s%40cret@example.org:8890/sparql?x=1")
    ('http://example.org:8890/sparql?x=1', 'doe', 's@cret')
    >>> split_credentials("http://example.org/sparql")
    ('http://example.org/sparql', None, None)
    """
    from urllib.parse import unquote, urlsplit, urlunsplit

    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url, None, None
    userinfo, _, host = parts.netloc.rpartition("@")
    user, colon, password = userinfo.partition(":")
    clean = urlunsplit(parts._replace(netloc=host))
    decoded_user, decoded_password = unquote(user), unquote(password) if colon else None
    for secret in (password, decoded_password):
        if secret:
            _URL_SECRETS.add(secret)
    if decoded_password:
        import base64

        _URL_SECRETS.add(base64.b64encode(f"{decoded_user}:{decoded_password}".encode()).decode())
    return clean, decoded_user or None, decoded_password


def redact_url(url: str) -> str:
    """``url`` as it may be shown: any userinfo replaced by ``***``.

    >>> redact_url("https://doe:s3cret@example.org/sparql")
    'https://***@example.org/sparql'
    """
    return _USERINFO.sub("***@", url)


def _url_auth(url: str, env: Mapping[str, str]) -> tuple[str, Any]:
    """The URL to request and the auth its userinfo asks for (None: the client's own)."""
    import httpx

    clean, user, password = split_credentials(url)
    if user is None:
        return clean, None
    digest = env.get("RKG_AUTH", "basic").lower() == "digest"
    key = (user, password or "", digest)
    if key not in _URL_AUTHS:
        # One object per account: a Digest one keeps the server's last challenge, so later
        # requests do not each pay a 401 round trip (and send their body twice).
        _URL_AUTHS[key] = httpx.DigestAuth(*key[:2]) if digest else httpx.BasicAuth(*key[:2])
    return clean, _URL_AUTHS[key]


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
    accept: Collection[int] = (),
    sleep: Callable[[float], None] = time.sleep,
    **kwargs: Any,
) -> httpx.Response:
    """Send a request, retrying transport errors and 429/5xx answers with exponential backoff.

    A request that still fails raises :class:`RemoteError` naming the server and the status; a
    4xx answer (other than 429) is not retried: the request itself is wrong, unless its status
    is in ``accept`` (a 404 for a DELETE of what may be gone already). Credentials in ``url``
    are sent as HTTP authentication and never shown.
    """
    import httpx

    url, url_auth = _url_auth(url, os.environ)
    if url_auth is not None:
        kwargs.setdefault("auth", url_auth)
    last, status = "", None
    tries = retries + 1
    attempt = 0
    while attempt < tries:
        try:
            response = client.request(method, url, **kwargs)
        except httpx.InvalidURL as exc:
            raise RemoteError(redact(f"{url} is not a usable URL: {exc}")) from None
        except httpx.ConnectError as exc:
            # Nothing listens there: worth a second look (a server restarting), not six.
            last, status = f"cannot reach {url}: {exc}", None
            tries = min(tries, 2)
        except httpx.TransportError as exc:
            last, status = f"cannot reach {url}: {exc}", None
        else:
            if response.status_code < 400 or response.status_code in accept:
                return response
            last = f"{url} answered {response.status_code}: {response.text.strip()[:300]}"
            status = response.status_code
            if response.status_code not in TRANSIENT:
                raise RemoteError(redact(last), status=status)
        attempt += 1
        if attempt < tries:
            sleep(min(8.0, backoff * 2 ** (attempt - 1)))
    raise RemoteError(redact(f"{last} (gave up after {attempt} tries)"), status=status)


def redact(message: str, env: Mapping[str, str] | None = None) -> str:
    """The message with any credential blanked out: those from the environment (a server may
    echo a request's headers back in its error page), those met in URLs, and the userinfo of
    any URL in it.

    >>> redact("denied: Basic ZG9lOnMzY3JldA== and s3cret", {"RKG_USER": "doe", "RKG_PASSWORD": "s3cret"})
    'denied: Basic *** and ***'
    >>> redact("cannot reach http://doe:pw@example.org/store", {})
    'cannot reach http://***@example.org/store'
    """
    import base64

    env = os.environ if env is None else env
    message = _USERINFO.sub("***@", message)
    secrets = [*(env.get(k, "") for k in ("RKG_PASSWORD", "RKG_TOKEN")), *_URL_SECRETS]
    user, password = env.get("RKG_USER"), env.get("RKG_PASSWORD")
    if user and password:
        secrets.append(base64.b64encode(f"{user}:{password}".encode()).decode())
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        message = message.replace(secret, "***")
    return message
