"""The hub's tests share a served hub; more fixtures live in their own modules (serving.py)."""

from tests.hub.serving import hub_engine, served_hub

__all__ = ["hub_engine", "served_hub"]
