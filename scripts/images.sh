#!/usr/bin/env bash
# Builds the container images locally, from Debian's packages and this repository (no registry needed):
#   brighthub/base:bookworm     debootstrap --variant=minbase of Debian 12, imported as an image
#   brighthub/jre:17            + OpenJDK 17 JRE, curl, the non-root user 10001
#   brighthub/postgres:15       + PostgreSQL 15 (POSTGRES_USER/PASSWORD/DB as the official image)
#   brighthub/kafka:KAFKA       + the Kafka broker from the Maven artifacts (KRaft)
#   brighthub/APP:1.0.0         the five applications (import-api ... sandbox), from mvn install
#   images.sh [all|runtime|apps]   all (default); runtime: base, jre, postgres, kafka; apps: the five
# What is up to date is skipped: the base by its recipe label, the rest by Docker's build cache.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VERSION="${BRIGHT_IMAGE_VERSION:-1.0.0}"
SUITE=bookworm
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
WORK="$BRIGHT_DATA_DIR/images"
APPS="sandbox:8089 import-api:8081 record-validator:8082 sync-worker:8083 report-service:8084"
export DOCKER_BUILDKIT=0
mkdir -p "$WORK"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi
}

image_id() { docker image inspect --format '{{.Id}}' "$1" 2>/dev/null || true; }

# docker build, quiet unless it fails; says whether the image changed
build() {
  local tag="$1" file="$2" context="$3"; shift 3
  local before after started=$SECONDS log="$WORK/build-${tag//[\/:]/_}.log"
  before="$(image_id "$tag")"
  if ! docker build --label "bright.version=$VERSION" -t "$tag" -f "$file" "$@" "$context" >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "building $tag failed: see $log"
  fi
  after="$(image_id "$tag")"
  if [ "$before" = "$after" ]; then echo "  $tag up to date"; else echo "  $tag built ($((SECONDS - started)) s)"; fi
}

base() {
  local tag="brighthub/base:$SUITE" recipe="debootstrap minbase $SUITE $MIRROR 1"
  if [ "$(docker image inspect --format '{{index .Config.Labels "bright.recipe"}}' "$tag" 2>/dev/null || true)" = "$recipe" ]; then
    echo "  $tag up to date"
    return 0
  fi
  local rootfs="$WORK/rootfs" started=$SECONDS
  echo "  $tag: debootstrap $SUITE from $MIRROR (about a minute)"
  as_root rm -rf "$rootfs"
  as_root debootstrap --variant=minbase "$SUITE" "$rootfs" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
    || die "debootstrap failed: see $WORK/debootstrap.log"
  as_root bash -c "
    printf 'deb %s %s main\ndeb %s %s-updates main\ndeb %s-security %s-security main\n' \
      '$MIRROR' '$SUITE' '$MIRROR' '$SUITE' '${MIRROR%/debian}/debian' '$SUITE' > '$rootfs/etc/apt/sources.list'
    printf 'APT::Install-Recommends \"false\";\nAPT::Install-Suggests \"false\";\nAcquire::Check-Valid-Until \"false\";\n' \
      > '$rootfs/etc/apt/apt.conf.d/90bright'
    rm -rf '$rootfs'/var/cache/apt/archives/*.deb '$rootfs'/var/lib/apt/lists/* '$rootfs'/tmp/*"
  as_root tar -C "$rootfs" -c . | docker import \
    --change "LABEL bright.recipe=\"$recipe\"" --change 'ENV LANG=C.UTF-8' --change 'CMD ["/bin/bash"]' \
    - "$tag" >/dev/null
  as_root rm -rf "$rootfs"
  echo "  $tag built ($((SECONDS - started)) s)"
}

kafka_version() {
  local jar
  jar="$(ls "$KAFKA_LIB_DIR"/kafka_2.13-*.jar 2>/dev/null | grep -v -- '-test' | head -1)"
  [ -n "$jar" ] || die "no Kafka broker jar in $KAFKA_LIB_DIR: run scripts/kafka.sh fetch"
  basename "$jar" .jar | sed 's/^kafka_2.13-//'
}

runtime() {
  base
  build brighthub/jre:17 "$ROOT/docker/jre.Dockerfile" "$ROOT/docker"
  build brighthub/postgres:15 "$ROOT/docker/postgres.Dockerfile" "$ROOT/docker"
  "$ROOT/scripts/kafka.sh" fetch
  local ctx="$WORK/kafka"
  rm -rf "$ctx" && mkdir -p "$ctx"
  cp -al "$KAFKA_LIB_DIR" "$ctx/kafka-lib" 2>/dev/null || cp -a "$KAFKA_LIB_DIR" "$ctx/kafka-lib"
  rm -f "$ctx/kafka-lib/.complete"
  cp -a "$ROOT/docker/kafka-run.sh" "$ROOT/scripts/kafka/broker.properties" "$ctx/"
  build "brighthub/kafka:$(kafka_version)" "$ROOT/docker/kafka.Dockerfile" "$ctx"
  docker tag "brighthub/kafka:$(kafka_version)" brighthub/kafka:latest
}

apps() {
  local entry svc port ctx
  for entry in $APPS; do
    svc="${entry%%:*}" port="${entry##*:}"
    [ -f "$ROOT/$svc/target/quarkus-app/quarkus-run.jar" ] || die "$svc is not built: run ./bright build"
    # the context is the built application only (hard links), not the module's whole target/
    ctx="$WORK/$svc"
    rm -rf "$ctx" && mkdir -p "$ctx/target"
    cp -al "$ROOT/$svc/target/quarkus-app" "$ctx/target/" 2>/dev/null || cp -a "$ROOT/$svc/target/quarkus-app" "$ctx/target/"
    build "brighthub/$svc:$VERSION" "$ROOT/docker/app.Dockerfile" "$ctx" --build-arg "PORT=$port" --build-arg "MANAGEMENT_PORT=$((port + 1000))"
  done
  # the images these builds replaced (ours only, by label; none a container still uses)
  docker image prune -f --filter "label=bright.version" >/dev/null
}

"$ROOT/scripts/docker.sh" ensure
case "${1:-all}" in
  all) say "container images"; runtime; apps ;;
  runtime) runtime ;;
  apps) apps ;;
  *) die "usage: images.sh [all|runtime|apps]" ;;
esac
