#!/usr/bin/env bash
# Installs every Debian package simreg needs to build, run and test, and the web UI's npm
# packages. Idempotent and quiet when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  # build
  cmake ninja-build ccache g++ pkg-config git
  # libraries
  libboost-dev nlohmann-json3-dev libsqlite3-dev libpq-dev libsodium-dev libspdlog-dev libfmt-dev
  libcli11-dev libcurl4-openssl-dev libssl-dev libgtest-dev libgmock-dev libbenchmark-dev
  libphonenumber-dev libopencv-dev libqrencode-dev libjpeg62-turbo-dev libpng-dev libwebp-dev
  # OpenCV's face cascades (runtime) and sample photographs (image-check tests)
  opencv-data opencv-doc
  # runtime and tests
  sqlite3 postgresql-15 python3 python3-pytest python3-jsonschema python3-yaml python3-aiosmtpd python3-opencv python3-cryptography
  chromium fonts-noto-cjk curl procps jq
  # benchmarks
  nginx-light wrk
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci only when package-lock.json changed since the last install.
if [ -f web/package-lock.json ]; then
  stamp=web/node_modules/.simreg-lock-hash
  want=$(sha256sum web/package-lock.json | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "install-deps: npm ci (web)"
    (cd web && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    echo "$want" > "$stamp"
  fi
fi
