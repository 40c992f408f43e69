# SPDX-License-Identifier: Apache-2.0
# Sourced by bin/test and bin/bench: installs Debian's chromium and chromium-driver when missing.

ensure_chromium() {
  if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    echo "Present: $(command -v chromium), $(command -v chromedriver)"
    return
  fi
  echo "Installing Debian's chromium and chromium-driver..."
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends chromium chromium-driver
}
