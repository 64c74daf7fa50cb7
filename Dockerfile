# The dashboard as a container: `docker build -t kz-regions . && docker run -p 8501:8501 kz-regions`.
# See docs/deployment.md for a reverse proxy in front of it, several replicas, and sizing.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false

WORKDIR /app

# Dependencies first, so that a code change does not reinstall them. Every pin in requirements.txt has
# manylinux wheels (geopandas, shapely, pyproj and pyogrio bundle GEOS, PROJ and GDAL): no compiler needed.
COPY requirements.txt ./
RUN pip install -r requirements.txt

# The app runs as an unprivileged user; its code and data stay owned by root, hence read-only to it.
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin app
COPY . .
USER app

EXPOSE 8501

# python:3.11-slim has no curl: ask the health endpoint with the standard library.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"]

# Exec form, so that streamlit gets SIGTERM from `docker stop`. .streamlit/config.toml (copied above)
# turns on static serving of static/ at /app/static/, which the map's basemap needs.
CMD ["streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501"]
