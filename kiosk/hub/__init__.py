"""The council hub: receives every kiosk's contacts and shows them council-wide.

Installed with the ``hub`` extra (``pip install 'assisted-digital-kiosk[hub]'``); a kiosk never
imports this package. Starlette (a small, well-kept ASGI toolkit: the receiver and a few pages
need routing, sessions and templates, not FastAPI's request models, since the contract is
already docs/upload-api.yaml) served by uvicorn; SQLAlchemy Core with Alembic migrations on
SQLite (the default) or PostgreSQL (psycopg 3).
"""
