# Directo: multi-stage build. The first stage builds a wheel; the second installs it into a clean venv and
# runs `directo run` as a non-root user. Migrations and the example playbook ship inside the wheel.
FROM python:3.11-slim AS build
WORKDIR /src
RUN python -m pip install --no-cache-dir --upgrade pip build
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY migrations ./migrations
RUN python -m build --wheel --outdir /dist

FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VIRTUAL_ENV=/opt/directo \
    PATH=/opt/directo/bin:$PATH \
    DIRECTO_HOST=0.0.0.0 \
    DIRECTO_PORT=8080 \
    DIRECTO_DATABASE_URL=sqlite+aiosqlite:////data/directo.sqlite3
RUN python -m venv /opt/directo \
    && useradd --system --uid 10001 --home-dir /data --create-home directo
COPY --from=build /dist/*.whl /tmp/
RUN pip install --no-cache-dir /tmp/*.whl && rm /tmp/*.whl
USER directo
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"DIRECTO_PORT\", \"8080\")}/healthz', timeout=4)" || exit 1
CMD ["directo", "run"]
