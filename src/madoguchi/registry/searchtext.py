"""The folded search columns of a corporation, computed the same way in Python and in SQL."""

from madoguchi.core.text import SQL_NORMALIZE, normalize_for_search


def search_fields(*, name: str, furigana: str, en_name: str) -> dict[str, str]:
    """``search_name`` (the folded name) and ``search_text`` (name, furigana, English, space-joined)."""
    folded_name = normalize_for_search(name)
    parts = [folded_name, normalize_for_search(furigana), normalize_for_search(en_name)]
    return {"search_name": folded_name, "search_text": " ".join(p for p in parts if p)}


def sql_search_name(column: str) -> str:
    """PostgreSQL expression for ``search_name`` from a name column."""
    return SQL_NORMALIZE % column


def sql_search_text(name: str, furigana: str, en_name: str) -> str:
    """PostgreSQL expression for ``search_text`` (concat_ws skips NULLs; empty parts become NULL)."""
    parts = ", ".join(
        f"nullif({SQL_NORMALIZE % column}, '')" for column in (name, furigana, en_name)
    )
    return f"concat_ws(' ', {parts})"
