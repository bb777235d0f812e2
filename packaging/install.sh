#!/usr/bin/env bash
# Install nkscreen from this folder (the unpacked release archive), or remove it again.
#
# Usage: ./install.sh [--user] [--uninstall]
#   (no option)   for every user of this computer, as root: the app in /opt/nkscreen, the
#                 command /usr/local/bin/nkscreen, the menu entry and the icons (every size)
#                 under /usr/local/share (applications/, icons/hicolor/)
#   --user        for you only, without root: ~/.local/opt/nkscreen, ~/.local/bin/nkscreen,
#                 the menu entry and icons under ~/.local/share (or $XDG_DATA_HOME)
#   --uninstall   remove what the install with the same options put there
# Environment: APPDIR (the app folder) and PREFIX (bin/ and share/) choose other places;
# DESTDIR is put in front of every path written (staging for packagers, and the tests), and
# then neither root nor a desktop is needed.
#
# An existing install is replaced (upgrade); a folder at APPDIR that this script did not
# install is refused. Records, drafts and settings live in each user's data folder and are
# never touched, by install or uninstall. Exit 0 on success, 1 on an error (one line says
# what), 2 for a wrong option.
set -euo pipefail
umask 022

user=0 uninstall=0
for arg in "$@"; do
    case "$arg" in
        --user) user=1 ;;
        --uninstall) uninstall=1 ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
    esac
done

DESTDIR=${DESTDIR:-}
if [ "$user" = 1 ]; then
    APPDIR=${APPDIR:-$HOME/.local/opt/nkscreen}
    PREFIX=${PREFIX:-$HOME/.local}
    datadir=${XDG_DATA_HOME:-$PREFIX/share}
else
    APPDIR=${APPDIR:-/opt/nkscreen}
    PREFIX=${PREFIX:-/usr/local}
    datadir=$PREFIX/share
    if [ -z "$DESTDIR" ] && [ "$(id -u)" != 0 ]; then
        echo "install.sh: installing for every user needs root: sudo $0 $*, or $0 --user" >&2
        exit 1
    fi
fi
target=$DESTDIR$APPDIR
manifest=$target/.install-manifest  # the files outside the app folder, for --uninstall
sizes=(16 32 48 64 128 256 512)

refresh_caches() {
    # Desktops rebuild these caches themselves at login; refresh them now if the tools exist.
    [ -z "$DESTDIR" ] || return 0
    if command -v update-desktop-database >/dev/null; then
        update-desktop-database -q "$datadir/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null; then
        gtk-update-icon-cache -q -t -f "$datadir/icons/hicolor" || true
    fi
}

if [ "$uninstall" = 1 ]; then
    if [ ! -f "$manifest" ]; then
        echo "install.sh: nothing to remove: $target was not installed by install.sh" >&2
        exit 1
    fi
    while IFS= read -r path; do
        rm -f "$DESTDIR$path"
    done <"$manifest"
    rm -rf "$target"
    refresh_caches
    echo "removed nkscreen from $APPDIR (records and settings in the users' folders stay)"
    exit 0
fi

source_dir=$(cd "$(dirname "$0")" && pwd)
if [ ! -x "$source_dir/nkscreen" ] || [ ! -d "$source_dir/_internal/resources/icons" ]; then
    echo "install.sh: $source_dir is not an unpacked nkscreen release (no nkscreen, _internal)" >&2
    exit 1
fi
if [ "$(cd "$source_dir" && pwd -P)" = "$(cd "$target" 2>/dev/null && pwd -P)" ]; then
    echo "install.sh: nkscreen is already installed here ($APPDIR)" >&2
    exit 1
fi
if [ -e "$target" ] && [ ! -f "$manifest" ]; then
    echo "install.sh: $target exists but was not installed by install.sh; move it away first" >&2
    exit 1
fi

# The app folder: copied next to the old one, then swapped in, so a failed copy leaves the
# installed version as it was.
mkdir -p "$(dirname "$target")"
staging=$target.new.$$
trap 'rm -rf "$staging"' EXIT
cp -a "$source_dir/." "$staging/"
rm -f "$staging/.install-manifest"

installed=()
put() {  # put MODE SOURCE PATH: install one file outside the app folder
    install -D -m "$1" "$2" "$DESTDIR$3"
    installed+=("$3")
}
launcher=$(mktemp)
printf '#!/bin/sh\n# Starts nkscreen (installed by %s/install.sh).\nexec "%s/nkscreen" "$@"\n' \
    "$APPDIR" "$APPDIR" >"$launcher"
put 755 "$launcher" "$PREFIX/bin/nkscreen"
rm -f "$launcher"
entry=$(mktemp)
sed -e "s|^Exec=.*|Exec=$APPDIR/nkscreen|" -e "s|^TryExec=.*|TryExec=$APPDIR/nkscreen|" \
    "$source_dir/nkscreen.desktop" >"$entry"
put 644 "$entry" "$datadir/applications/nkscreen.desktop"
rm -f "$entry"
icons=$source_dir/_internal/resources/icons
for size in "${sizes[@]}"; do
    put 644 "$icons/nkscreen-$size.png" "$datadir/icons/hicolor/${size}x$size/apps/nkscreen.png"
done
put 644 "$icons/nkscreen.svg" "$datadir/icons/hicolor/scalable/apps/nkscreen.svg"
printf '%s\n' "${installed[@]}" >"$staging/.install-manifest"

if [ -e "$target" ]; then
    mv "$target" "$target.old.$$"
    mv "$staging" "$target"
    rm -rf "$target.old.$$"
else
    mv "$staging" "$target"
fi
trap - EXIT
refresh_caches

echo "installed nkscreen $(sed -n 's/.*"version": "\(.*\)".*/\1/p' "$target/build-info.json") in $APPDIR"
echo "  command:    $PREFIX/bin/nkscreen"
echo "  menu entry: $datadir/applications/nkscreen.desktop (icons in $datadir/icons/hicolor)"
echo "  check it:   $APPDIR/nkscreen --smoke"
# The window needs the X11 libraries the bundle leaves to the system: say now what is missing.
xcb=$target/_internal/PySide6/Qt/plugins/platforms/libqxcb.so
missing=
if [ -f "$xcb" ] && command -v ldd >/dev/null; then
    missing=$(LD_LIBRARY_PATH="$target/_internal" ldd "$xcb" 2>/dev/null |
        awk '/not found/ { print $1 }' | sort -u | tr '\n' ' ') || true
fi
if [ -n "$missing" ]; then
    echo "warning: this computer lacks libraries nkscreen's window needs: $missing" >&2
    echo "  nkscreen names the packages to install when it is started." >&2
fi
