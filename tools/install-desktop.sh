#!/usr/bin/env bash
# Install hostdesk's launcher entry, icon and AppStream metainfo for the current user.
# The entry starts the frozen app when `make package` has built one, else the venv's command.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
id=io.github.hostdesk.Hostdesk
data=${XDG_DATA_HOME:-$HOME/.local/share}
if [ -x "$here/dist/hostdesk/hostdesk" ]; then
  command="$here/dist/hostdesk/hostdesk"
elif [ -x "$here/.venv/bin/hostdesk" ]; then
  command="$here/.venv/bin/hostdesk"
else
  echo "Nothing to launch yet: run \`make run\` or \`make package\` first." >&2
  exit 1
fi
install -Dm644 "$here/src/hostdesk/resources/icons/hostdesk.svg" "$data/icons/hicolor/scalable/apps/$id.svg"
install -Dm644 "$here/packaging/$id.metainfo.xml" "$data/metainfo/$id.metainfo.xml"
mkdir -p "$data/applications"
sed "s|^Exec=hostdesk|Exec=\"$command\"|" "$here/packaging/$id.desktop" > "$data/applications/$id.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -qtf "$data/icons/hicolor" 2>/dev/null || true
echo "Installed $id for $(id -un): it starts $command"
