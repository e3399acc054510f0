"""Each language named in itself, as a resident looks for it on the screen."""

NAMES = {
    "en": "English",
    "cy": "Cymraeg",
    "pl": "Polski",
    "ro": "Română",
    "ur": "اردو",
    "ar": "العربية",
    "pa": "ਪੰਜਾਬੀ",
    "bn": "বাংলা",
}
RIGHT_TO_LEFT = frozenset({"ar", "ur", "fa", "he"})


def native_name(code: str) -> str:
    return NAMES.get(code, code)
