#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Builds the browser runtime that the jar ships; Maven runs it in generate-resources, from
# violetear-server. Installs terser as package-lock.json pins it (only when node_modules does not
# match the lock file, so later builds need no network), then minifies src/main/js/violetear.js,
# violetear-socket.js and forms.js, each with its source map, into the directory given as $1.
# usage: sh src/build/runtime.sh <output directory>
set -eu
out=$1
for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "error: '$tool' is not on the PATH. Building violetear-server minifies the browser" \
      "runtime (src/main/js/violetear.js) with terser, which needs Node.js 20 or later with npm:" \
      "install them, then build again." >&2
    exit 1
  fi
done
stamp=node_modules/.violetear-package-lock.json
if ! cmp -s package-lock.json "$stamp"; then
  if ! npm ci --no-audit --no-fund --loglevel=error; then
    echo "error: 'npm ci' could not install terser from package-lock.json. It needs the npm" \
      "registry once; later builds reuse node_modules (or npm's cache) offline." >&2
    exit 1
  fi
  cp package-lock.json "$stamp"
fi
node src/build/minify-runtime.mjs src/main/js/violetear.js "$out"
node src/build/minify-runtime.mjs src/main/js/violetear-socket.js "$out"
exec node src/build/minify-runtime.mjs src/main/js/forms.js "$out"
