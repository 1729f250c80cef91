#!/usr/bin/env bash
# Debian/Ubuntu packages that Qt (offscreen and under Xvfb) and the keyring tests need.
# As root they are installed when missing; otherwise the apt-get line is printed.
set -euo pipefail
packages=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
          libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
          fonts-dejavu-core xvfb xauth dbus gnome-keyring desktop-file-utils appstream)
command -v dpkg-query >/dev/null || { echo "Not a Debian system: install Qt's X11/EGL libraries, Xvfb, dbus and gnome-keyring yourself."; exit 0; }
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing system packages; install them with:"
  echo "  sudo apt-get install -y ${missing[*]}"
fi
