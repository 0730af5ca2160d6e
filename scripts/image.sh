#!/usr/bin/env bash
# Builds Wasmlet's container image with Jib and pushes it, with no Docker daemon and no base image
# pulled from anywhere: the base is made here by scripts/image-base.sh (cached), the image is the
# cli module on top of it (cli/pom.xml, profile `image`), entrypoint `java ... dev.wasmlet.cli.Main`.
#
# Usage: scripts/image.sh REGISTRY/REPO:TAG [MAVEN-ARGS...]
#   scripts/image.sh ghcr.io/acme/wasmlet:0.1.0          credentials as docker's (~/.docker/config.json)
#   scripts/image.sh 127.0.0.1:5000/wasmlet:dev -o       a plain-HTTP registry on loopback, Maven offline
#
# A registry on localhost or 127.0.0.1 is spoken to over plain HTTP (Jib's allowInsecureRegistries);
# set WASMLET_IMAGE_INSECURE=1 for any other plain-HTTP registry. The image's digest is written to
# cli/target/jib-image.digest and printed as the last line.
set -euo pipefail

if [ $# -lt 1 ] || [[ "$1" == -* ]]; then
  echo "usage: scripts/image.sh REGISTRY/REPO:TAG [MAVEN-ARGS...]" >&2
  exit 2
fi
image=$1
shift
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=find-java.sh
source "$ROOT/scripts/find-java.sh"

base=$(bash "$ROOT/scripts/image-base.sh" | tail -n 1)

insecure=false
case "${image%%/*}" in
  localhost | localhost:* | 127.0.0.1 | 127.0.0.1:*) insecure=true ;;
esac
[ "${WASMLET_IMAGE_INSECURE:-}" = 1 ] && insecure=true

cd "$ROOT"
mvn -B -ntp -q -Pimage -Dquickly -pl cli -am package \
  -Dimage="$image" -Dwasmlet.image.base="$base" -Djib.allowInsecureRegistries="$insecure" "$@"
digest=$(cat cli/target/jib-image.digest)
echo "image: pushed $image@$digest" >&2
echo "$digest"
