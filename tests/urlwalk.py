"""Every URL pattern of the project, as data: the role table test and the hostile-input test walk it,
so a page added without a rule (or without a guard) fails the suite instead of going unnoticed."""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

# Matches a route converter such as <int:pk> or <slug:code> (the converter part is optional).
_CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class UrlEntry:
    """One leaf pattern: the full route as written (``staff/subsidies/<str:pk>/edit/``) or, for
    regular-expression patterns, the expression; its name (``namespace:name``) and its view."""

    route: str
    name: str | None
    callback: Callable[..., Any]
    is_regex: bool
    parameters: tuple[tuple[str, str], ...] = field(default=())  # (name, converter)

    def fill(self, values: dict[str, str] | Callable[[str, str], str]) -> str | None:
        """The path with every parameter replaced (by name, or by a function of name and converter);
        None for a regular-expression pattern, which has no reliable way to be filled."""
        if self.is_regex:
            return None

        def replace(match: re.Match[str]) -> str:
            name = match.group("name")
            converter = match.group("converter") or "str"
            if callable(values):
                return values(name, converter)
            return values[name]

        return "/" + _CONVERTER.sub(replace, self.route)


def _pattern_text(pattern: Any) -> tuple[str, bool]:
    if isinstance(pattern, RoutePattern):
        return str(pattern._route), False
    if isinstance(pattern, RegexPattern):
        return str(pattern._regex), True
    return str(pattern), True


def iter_urls() -> Iterator[UrlEntry]:
    """Every leaf URL pattern reachable from ROOT_URLCONF (admin included)."""

    def walk(
        patterns: list[URLPattern | URLResolver], prefix: str, regex: bool, namespace: str
    ) -> Iterator[UrlEntry]:
        for item in patterns:
            text, is_regex = _pattern_text(item.pattern)
            if is_regex:
                # Strip the anchors of a regex part so that parts can be joined.
                text = text.removeprefix("^").removesuffix("$").removesuffix("\\Z")
            joined = prefix + text
            if isinstance(item, URLResolver):
                ns = namespace
                if item.namespace:
                    ns = f"{namespace}{item.namespace}:"
                yield from walk(item.url_patterns, joined, regex or is_regex, ns)
            else:
                name = f"{namespace}{item.name}" if item.name else None
                any_regex = regex or is_regex
                parameters: tuple[tuple[str, str], ...] = ()
                if not any_regex:
                    parameters = tuple(
                        (m.group("name"), m.group("converter") or "str")
                        for m in _CONVERTER.finditer(joined)
                    )
                yield UrlEntry(
                    route=joined,
                    name=name,
                    callback=item.callback,
                    is_regex=any_regex,
                    parameters=parameters,
                )

    yield from walk(get_resolver().url_patterns, "", False, "")
