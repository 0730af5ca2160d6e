#!/usr/bin/env bash
# Builds the base image of Wasmlet's container image without Docker or any registry: a jlinked
# Java runtime from this machine's JDK (>= 21, found by find-java.sh) and glibc from Debian's libc6
# package (fetched with `apt-get download`), as one layer in a `docker save` tarball that Jib reads
# with from.image=tar://... (cli/pom.xml, profile `image`).
#
# Usage: scripts/image-base.sh        prints the tarball's path as its last line
#
# Cached under ${XDG_CACHE_HOME:-~/.cache}/wasmlet/image-base-<key>, the key hashing this script,
# the JDK's release file and the libc6 version, so a second run prints the same path at once.
#
# The image: /opt/java (the runtime, on PATH, JAVA_HOME), /lib/x86_64-linux-gnu and /lib64 (glibc),
# /etc/passwd and /etc/group naming root and nonroot (65532), /tmp (1777); user 65532. No shell, no
# package manager. amd64 only (the JDK and libc6 of this machine).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=find-java.sh
source "$here/find-java.sh"

# What Wasmlet's classes and libraries need (jdeps --print-module-deps on cli/target/lib), plus
# java.logging and jdk.zipfs. A class missing at run time fails with NoClassDefFoundError: add its
# module here.
modules=java.base,java.desktop,java.logging,java.naming,java.net.http,java.sql,jdk.management,jdk.unsupported,jdk.zipfs

arch=$(dpkg --print-architecture 2>/dev/null || true)
if [ "$arch" != amd64 ]; then
  echo "image-base: needs a Debian amd64 machine (dpkg says '${arch:-no dpkg}'): its libc6 package goes into the image" >&2
  exit 1
fi
libc_version=$(apt-cache show --no-all-versions libc6 2>/dev/null | awk '/^Version:/ {print $2; exit}')
if [ -z "$libc_version" ]; then
  echo "image-base: apt-cache knows no libc6 package; run apt-get update" >&2
  exit 1
fi

cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/wasmlet"
key=$( { cat "${BASH_SOURCE[0]}" "$JAVA_HOME/release"; echo "$libc_version"; } | sha256sum | cut -c1-16)
out="$cache_root/image-base-$key"
if [ -f "$out/base.tar" ]; then
  echo "$out/base.tar"
  exit 0
fi

work=$(mktemp -d "$cache_root/image-base-work.XXXXXX")
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root"

echo "image-base: libc6 $libc_version from Debian" >&2
sandbox=()
# As root, apt drops to user _apt, which cannot write into a private cache directory.
[ "$(id -u)" = 0 ] && sandbox=(-o APT::Sandbox::User=root)
(cd "$work" && apt-get download -q "${sandbox[@]}" "libc6=$libc_version" >&2)
dpkg-deb -x "$work"/libc6_*.deb "$work/libc6"
mkdir -p "$root/lib/x86_64-linux-gnu" "$root/lib64" "$root/usr/share/doc/libc6"
cp -a "$work/libc6/lib/x86_64-linux-gnu/." "$root/lib/x86_64-linux-gnu/"
ln -s ../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$root/lib64/ld-linux-x86-64.so.2"
cp "$work/libc6/usr/share/doc/libc6/copyright" "$root/usr/share/doc/libc6/copyright"

echo "image-base: jlink $modules from $JAVA_HOME" >&2
# --generate-cds-archive: the class data sharing archive of this runtime, for a faster JVM start.
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --generate-cds-archive --output "$root/opt/java" >&2

mkdir -p "$root/etc" "$root/tmp" "$root/home/nonroot"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$root/etc/group"
printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"

# One layer, reproducible: sorted names, fixed times and owners (the home of nonroot its own).
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu \
  -C "$root" -cf "$work/layer.tar" --exclude=home/nonroot etc home lib lib64 opt tmp usr
tar --mtime=@0 --owner=65532 --group=65532 --numeric-owner --format=gnu \
  -C "$root" -rf "$work/layer.tar" home/nonroot
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)

java_version=$(awk -F'"' '/^JAVA_VERSION=/ {print $2}' "$JAVA_HOME/release")
mkdir -p "$work/image"
mv "$work/layer.tar" "$work/image/layer.tar"
cat >"$work/image/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"User":"65532:65532","WorkingDir":"/home/nonroot",
  "Env":["PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],
  "Labels":{"dev.wasmlet.base.java":"$java_version","dev.wasmlet.base.libc6":"$libc_version"}},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"scripts/image-base.sh: jlinked Java $java_version, Debian libc6 $libc_version"}]}
EOF
printf '[{"Config":"config.json","RepoTags":["wasmlet-base:%s"],"Layers":["layer.tar"]}]\n' "$key" \
  >"$work/image/manifest.json"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work/image" \
  -cf "$work/base.tar" manifest.json config.json layer.tar

mkdir -p "$out"
mv "$work/base.tar" "$out/base.tar.part"
mv "$out/base.tar.part" "$out/base.tar"
echo "image-base: $(du -h "$out/base.tar" | cut -f1) in $out/base.tar" >&2
echo "$out/base.tar"
