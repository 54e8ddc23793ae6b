"""The edge: input no part of the platform could take is refused once, before any view runs.

A NUL character reaching PostgreSQL, a path that is not UTF-8, JSON nested deep enough to exhaust the
stack: each used to surface deep inside a view as a server error. ``EdgeGuardMiddleware`` checks every
part of a request the platform reads (``checks``) and answers a Japanese 400 in the error shape of the
API the path belongs to (``answers``). Views still check their own parameters; the edge only refuses
what is wrong for every view alike.
"""
