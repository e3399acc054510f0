"""A web address as a resident must copy it: whole, broken across lines only after a ``/``
of its path (never after ``https://``, nor at a hyphen or a dot, where it would look like two
addresses)."""

WORD_JOINER = "\u2060"  # no line break here; drawn as nothing


def breakable_only_at_slashes(address: str) -> str:
    """``address`` with a word joiner between any two characters, except after each slash
    of its path: the only places a line may break."""
    scheme_end = address.find("://")
    path_from = scheme_end + 3 if scheme_end >= 0 else 0
    out = []
    for index, character in enumerate(address[:-1]):
        out.append(character)
        if not (character == "/" and index >= path_from):
            out.append(WORD_JOINER)
    return "".join(out) + address[-1:]
