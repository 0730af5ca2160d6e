# The build cache of the large guests (JS and Python components of 11-40 MB), which are built by
# the project's scripts and never committed. Sourced by their build.sh after it defines
# log() and die():
#
#   guest_cache_begin NAME FILE INPUT...
#       key: a SHA-256 over this file and the INPUTs (files, or directories: every file in them,
#       in sorted order), taken relative to the current directory. When
#       .wasmlet/guests/NAME/<key>/FILE exists it is published and the script exits 0: nothing
#       is installed or rebuilt. Otherwise sets $work (an empty scratch directory, removed on
#       exit), $out and $key, and the caller builds $work/FILE.
#   guest_cache_finish
#       moves $work/FILE into .wasmlet/guests/NAME/<key>/, keeps the newest 3 builds, publishes.
#   guest_venv VENV REQUIREMENTS EXE
#       (re)makes the venv VENV from REQUIREMENTS when VENV/bin/EXE is missing or the
#       requirements changed since it was made (a stamp inside the venv records their hash).
#   guest_npm_ci CHECK [NPM-CI-ARG...]
#       runs `npm ci` here when the file CHECK (under node_modules) is missing or
#       package-lock.json changed since node_modules was made; a node_modules that is a symlink
#       (a copied tree sharing an install) is used as it is, never reinstalled through the link.
#
# Publishing hard-links the build to .wasmlet/guests/NAME.wasm (the path the example's manifest
# names), replacing it atomically, and prints that path: the only line on stdout.

gc_self=${BASH_SOURCE[0]}
gc_root=$(cd "$(dirname "$gc_self")/../.." && pwd)
gc_guests=$gc_root/.wasmlet/guests

guest_cache_begin() {
  command -v sha256sum >/dev/null || die "sha256sum is not installed"
  gc_name=$1
  gc_file=$2
  shift 2
  key=$( { sha256sum <"$gc_self";
           for input in "$@"; do
             if [[ -d $input ]]; then
               find "$input" -type f -print0 | sort -z | xargs -0 sha256sum
             else
               sha256sum "$input"
             fi
           done; } | sha256sum | cut -c1-16) ||
    die "cannot hash the build's inputs ($*)"
  out=$gc_guests/$gc_name/$key
  gc_current=$gc_guests/$gc_name.wasm
  if [[ -s $out/$gc_file ]]; then
    log "cached build for key $key is up to date"
    gc_publish
    exit 0
  fi
  log "building key $key (no cached build)"
  gc_start=$(date +%s)
  work=$gc_guests/$gc_name/.tmp-$key-$$
  rm -rf "$work"
  mkdir -p "$work"
  trap 'rm -rf "$work"' EXIT
}

guest_cache_finish() {
  [[ -s $work/$gc_file ]] || die "the build wrote no $gc_file"
  mkdir -p "$out"
  mv "$work/$gc_file" "$out/$gc_file"
  log "built in $(( $(date +%s) - gc_start )) s"
  ls -1dt "$gc_guests/$gc_name"/*/ 2>/dev/null | tail -n +4 | while IFS= read -r old; do
    log "removing old build $old"
    rm -rf "$old"
  done
  gc_publish
}

gc_publish() {
  # A hard link keeps one copy on disk; the current file is replaced atomically.
  if [[ ! $gc_current -ef $out/$gc_file ]]; then
    rm -f "$gc_current.tmp"
    ln "$out/$gc_file" "$gc_current.tmp" 2>/dev/null || cp "$out/$gc_file" "$gc_current.tmp"
    mv -f "$gc_current.tmp" "$gc_current"
  fi
  log "component: $gc_current ($(wc -c <"$gc_current") bytes, key $key)"
  echo "$gc_current"
}

guest_venv() {
  local venv=$1 requirements=$2 exe=$3 hash stamp
  command -v python3 >/dev/null || die "python3 is not installed"
  hash=$(sha256sum "$requirements" | cut -d' ' -f1)
  stamp=$venv/.wasmlet-requirements.sha256
  if [[ ! -x $venv/bin/$exe || $(cat "$stamp" 2>/dev/null) != "$hash" ]]; then
    log "making $venv (pip install -r $requirements)"
    rm -rf "$venv"
    python3 -m venv "$venv" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" >&2 ||
      die "pip install -r $requirements failed"
    echo "$hash" >"$stamp"
  fi
}

guest_npm_ci() {
  local check=$1 hash stamp=node_modules/.wasmlet-package-lock.sha256
  shift
  command -v node >/dev/null || die "node is not installed (Node 20 or newer)"
  command -v npm >/dev/null || die "npm is not installed"
  hash=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [[ -L node_modules ]]; then
    [[ -e $check ]] || die "node_modules is a symlink without $check in it"
    [[ $(cat "$stamp" 2>/dev/null) == "$hash" ]] ||
      log "warning: linked node_modules was not installed from this package-lock.json"
  elif [[ ! -e $check || $(cat "$stamp" 2>/dev/null) != "$hash" ]]; then
    log "npm ci $* (into $PWD/node_modules)"
    npm ci "$@" --no-audit --no-fund --loglevel=error >&2 || die "npm ci failed"
    echo "$hash" >"$stamp"
  fi
}
