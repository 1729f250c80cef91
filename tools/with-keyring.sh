#!/usr/bin/env bash
# Run a command inside a private D-Bus session with a fresh, unlocked gnome-keyring, so the
# keyring tests talk to a real Secret Service and never to the user's own keyring.
# Where dbus-run-session or gnome-keyring is missing the command runs as is (those tests skip).
set -eu
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  exec "$@"
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/data" "$scratch/cache" "${HOME:-/root}/.cache"
export XDG_DATA_HOME="$scratch/data" XDG_CACHE_HOME="$scratch/cache"
dbus-run-session -- bash -c '
  printf "hostdesk-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || true
  export HOSTDESK_TEST_SECRET_SERVICE=1
  exec "$@"' _ "$@"
