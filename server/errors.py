"""One error shape for the whole app: {"error": {"status": ..., "title": ..., "detail": ...}}."""
from __future__ import annotations

from flask import Blueprint, jsonify
from werkzeug.exceptions import HTTPException

bp = Blueprint("errors", __name__)


class ApiError(HTTPException):
    """An HTTP error with a detail message for the client (bad query, missing parameter ...)."""

    def __init__(self, code: int, detail: str):
        super().__init__(description=detail)
        self.code = code


@bp.app_errorhandler(HTTPException)
def handle_http_error(err: HTTPException):
    response = jsonify(error={"status": err.code, "title": err.name, "detail": err.description})
    response.status_code = err.code
    return response
