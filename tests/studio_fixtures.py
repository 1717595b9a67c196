"""Shared by the studio's endpoint tests (the fixtures studio_workspace and
studio_client are in conftest.py)."""

from __future__ import annotations

TOKEN = "test-token-0123456789"
BASE = "http://127.0.0.1:8765"
COO = {"role": "coo", "company": "acme", "template": "posting"}


def post(client, path, body, **kw):
    return client.post(path, json=body, **kw)
