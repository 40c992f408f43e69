# SPDX-License-Identifier: Apache-2.0
# Sourced by bin/test and bin/bench: installs Debian's redis-server (which brings redis-cli) when
# missing.

ensure_redis() {
  if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then
    echo "Present: $(command -v redis-server), $(command -v redis-cli)"
    return
  fi
  echo "Installing Debian's redis-server..."
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends redis-server
  # The tests start private servers on free ports (RedisServer in violetear-testing); the
  # package's own service on port 6379 is not used, so stop it if the installer started one.
  # Containers without systemd usually refuse the start already (policy-rc.d); `service` works
  # with and without systemd, and has nothing to do when it is not running.
  "${sudo[@]}" service redis-server stop >/dev/null 2>&1 || true
}
