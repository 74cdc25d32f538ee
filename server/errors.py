"""One error shape for the whole app: {"error": {"status": ..., "title": ..., "detail": ...}} for
machines, the same three fields as a page for browsers (Accept: text/html).

The client's mistakes are 4xx with a detail saying what to change; our own faults are 5xx: a store
that cannot be reached is 503, anything unexpected 500. Neither carries a stack trace, a file path
or the store's location; those go to the server's log.
"""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from kg.store import StoreError

bp = Blueprint("errors", __name__)


class ApiError(HTTPException):
    """An HTTP error with a detail message for the client (bad query, missing parameter ...)."""

    def __init__(self, code: int, detail: str):
        super().__init__(description=detail)
        self.code = code


def error_response(status: int, title: str, detail: str):
    if request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html":
        response = current_app.response_class(render_template("error.html", status=status, title=title, detail=detail),
                                              mimetype="text/html")
    else:
        response = jsonify(error={"status": status, "title": title, "detail": detail})
    response.status_code = status
    return response


@bp.app_errorhandler(HTTPException)
def handle_http_error(err: HTTPException):
    return error_response(err.code, err.name, err.description)


@bp.app_errorhandler(StoreError)
def handle_store_error(err: StoreError):
    current_app.logger.error("store unavailable: %s", err)
    return error_response(503, "Service Unavailable", "the store is not available now; retry in a moment")


@bp.app_errorhandler(Exception)
def handle_unexpected(err: Exception):
    current_app.logger.exception("unexpected error answering %s %s", request.method, request.path)
    return error_response(500, "Internal Server Error",
                          "the server failed to answer this request; the fault is ours, not the request's")
