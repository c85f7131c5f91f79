"""`GET /healthz` and `GET /metrics`."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from bot.web.deps import WebDeps

__all__ = ["router"]

router = APIRouter()


@router.get("/healthz")
async def healthz(request: Request) -> JSONResponse:
    deps: WebDeps = request.app.state.deps
    checks: dict[str, dict[str, object]] = {}
    for name, check in deps.health_checks.items():
        try:
            ok, detail = await check()
        except Exception as exc:
            ok, detail = False, f"{type(exc).__name__}: {exc}"
        checks[name] = {"ok": ok, "detail": detail}
    healthy = all(c["ok"] for c in checks.values())
    return JSONResponse(
        {"status": "ok" if healthy else "failing", "checks": checks}, status_code=200 if healthy else 503
    )


@router.get("/metrics")
async def metrics(request: Request) -> Response:
    deps: WebDeps = request.app.state.deps
    return Response(deps.metrics.render(), media_type="text/plain; version=0.0.4; charset=utf-8")
