"""The council's own site on the screen: QtWebEngine, loaded only when first used, kept to the
council's hosts, and forgotten with the visit."""
