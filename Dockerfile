# newsreel container image.
#
#   docker build -t newsreel .
#   docker run --rm -p 3000:3000 --read-only --tmpfs /tmp newsreel
#   # with your own content instead of the demo data baked into the image:
#   docker run --rm -p 3000:3000 --read-only --tmpfs /tmp -v "$PWD/mydata:/app/data:ro" newsreel
#
# Stages: deps (all dependencies) -> build (tsc) -> prod-deps (no dev deps)
# -> assemble (runtime tree, permissions fixed) -> runtime (one COPY of that tree).
#
# The base is an argument so a locally made image can stand in where no registry
# is reachable: docker build --build-arg BASE_IMAGE=local/node-base:22 .
# Debian slim (glibc), not alpine: sharp's prebuilt binaries (@img/sharp-linux-x64,
# @img/sharp-libvips-linux-x64) are the glibc ones npm picks on linux-x64.
# The default is pinned to a full Node version; pin a digest too for byte-for-byte reproducible releases.
ARG BASE_IMAGE=node:22.23.3-bookworm-slim

# ---- deps: every dependency, exactly as locked ---------------------------------
FROM ${BASE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# The npm cache goes to a known folder so the prod-deps stage can reuse it.
RUN npm ci --no-audit --no-fund --cache /tmp/npm-cache

# ---- build: compile src/ to dist/src/ ------------------------------------------
FROM ${BASE_IMAGE} AS build
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY locales ./locales
RUN npm run build

# ---- prod-deps: production dependencies only (no jest, typescript, tsx, ...) -----
# Optional dependencies are kept, so sharp gets its prebuilt @img/sharp-linux-x64
# and libvips for this CPU and glibc. Packages come from the deps stage's cache;
# nothing is downloaded twice. npm 10 leaves empty scope folders of the omitted
# packages (node_modules/@jest/, @types/, ...): removed so the tree shows only
# what is installed.
FROM ${BASE_IMAGE} AS prod-deps
WORKDIR /app
COPY --from=deps /tmp/npm-cache /tmp/npm-cache
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --cache /tmp/npm-cache --prefer-offline \
 && find node_modules -mindepth 1 -maxdepth 1 -type d -empty -delete

# ---- assemble: exactly what the server needs at runtime ------------------------
# The code finds its root by walking up from dist/src/ to the folder holding
# package.json and views/, so the layout mirrors the repository.
FROM ${BASE_IMAGE} AS assemble
WORKDIR /app
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY views ./views
COPY locales ./locales
COPY static ./static
COPY data ./data
# Source maps stay (stack traces point at src/). Everything owned by root and
# read-only for anyone else, whatever the modes were in the build context.
RUN chown -R 0:0 /app && chmod -R u=rwX,go=rX /app

# ---- runtime --------------------------------------------------------------------
FROM ${BASE_IMAGE} AS runtime
# HOST=0.0.0.0: inside a container the port must be reachable from outside it
# (the app's own default is 127.0.0.1). DATA_DIR is where the demo data is baked
# in and where a mounted volume goes. CATALOG_CACHE_DIR keeps the body store and
# the catalog snapshot (docs/decisions/0019-catalog-snapshot.md) in the tmpfs;
# mount a volume there for restarts of a new container to read only what changed.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data \
    CATALOG_CACHE_DIR=/tmp/newsreel-catalog
WORKDIR /app
# A single layer; files stay owned by root, so the runtime user cannot change them.
COPY --from=assemble /app /app

# Numeric user, not a name: uid/gid 1000 is `node` in the official node images,
# and a numeric USER also works on a base image without that account (no
# useradd, no /etc/passwd entry needed; the app never uses $HOME), and lets
# Kubernetes' runAsNonRoot verify the user is not root.
USER 1000:1000

EXPOSE 3000

# No VOLUME on purpose: a declared VOLUME makes every `docker run` create an
# anonymous, writable volume at /app/data (defeating --read-only for that folder
# and leaving volumes behind). Mount content explicitly, read-only:
#   -v "$PWD/mydata:/app/data:ro"
# The app writes only to /tmp (article bodies, in a file unlinked as soon as it is open:
# docs/decisions/0018-bodies-off-heap.md; image variants): run with --read-only --tmpfs /tmp.

# Node itself probes /healthz (slim images have no curl/wget). It asks 127.0.0.1,
# which the server answers when HOST is 0.0.0.0 (default) or 127.0.0.1.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "require('http').get('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz',r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))"]

# Exec form: node is PID 1 and receives SIGTERM from `docker stop` directly; the
# server closes its connections and exits 0 (its own grace period is 10 s, the
# same as docker stop's default; use `docker stop -t 15` to leave a margin).
CMD ["node", "--max-old-space-size=8192", "--expose-gc", "dist/src/server.js"]
