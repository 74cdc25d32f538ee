"""`/vendor/NAME`: the browser libraries the UI uses, served from `node_modules/` (installed from
npm by `make install`), so that no page loads anything from a CDN."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, send_from_directory

from .errors import ApiError

bp = Blueprint("vendor", __name__)

NODE_MODULES = Path(__file__).resolve().parent.parent / "node_modules"
ASSETS = {
    "yasgui.min.js": "@zazuko/yasgui/build/yasgui.min.js",
    "yasgui.min.css": "@zazuko/yasgui/build/yasgui.min.css",
    "vis-network.min.js": "vis-network/standalone/umd/vis-network.min.js",
    "vis-timeline-graph2d.min.js": "vis-timeline/standalone/umd/vis-timeline-graph2d.min.js",
    "vis-timeline-graph2d.min.css": "vis-timeline/styles/vis-timeline-graph2d.min.css",
}


@bp.get("/vendor/<name>")
def asset(name: str):
    if name not in ASSETS:
        raise ApiError(404, f"no vendored asset named {name!r}")
    root = Path(current_app.config.get("NODE_MODULES", NODE_MODULES))
    path = root / ASSETS[name]
    if not path.is_file():
        raise ApiError(404, f"{ASSETS[name]} is not installed; run 'make install'")
    return send_from_directory(path.parent, path.name, max_age=86400)
