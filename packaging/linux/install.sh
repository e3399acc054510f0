#!/bin/bash
# Install the assisted-digital kiosk on a Debian/Ubuntu machine, as a locked-down kiosk.
#
#   sudo packaging/linux/install.sh                       # from this checkout, into its own venv
#   sudo packaging/linux/install.sh --from-build dist/kiosk   # the PyInstaller folder instead
#   sudo packaging/linux/install.sh --uninstall           # remove the app; keep config and data
#
# What it does (running it again changes nothing):
#   - installs the Debian packages the kiosk needs (Qt's libraries, cage, Xwayland, CUPS'
#     lp); skipped with --no-deps or DESTDIR
#   - the app in /opt/assisted-digital-kiosk: a virtual environment with this checkout
#     pip-installed, or the PyInstaller folder (--from-build); /opt/.../bin/kiosk either way
#   - an unprivileged system user and group `kiosk` (no login shell, home = its data folder)
#   - /etc/assisted-digital-kiosk/config.toml, the system config, with a comment for every
#     setting a council sets, and the upload token file beside it (empty, 0600, kiosk's only);
#     an existing config or token file is never touched
#   - /var/lib/assisted-digital-kiosk (the contact log) and /var/log/assisted-digital-kiosk,
#     0700 kiosk:kiosk (the contact log and its logs are for the kiosk alone)
#   - the systemd units: the kiosk under cage on tty1 (enabled), and an upload timer for sites
#     that prefer scheduled uploads (installed, enabled only with --enable-upload-timer)
#
# DESTDIR=/some/root puts everything under that folder instead of / (an image being built, or
# the tests): the user goes into DESTDIR's /etc/passwd and /etc/group, files are owned by the
# numeric ids found there, and units are enabled with `systemctl --root`. A virtual
# environment records its own path, so with DESTDIR the venv's scripts are rewritten to
# /opt/... (as dh-virtualenv does); it works once the tree is at /.
set -euo pipefail
umask 022

APP=assisted-digital-kiosk
USER_NAME=kiosk
PREFIX=/opt/$APP
CONF_DIR=/etc/$APP
DATA_DIR=/var/lib/$APP
LOG_DIR=/var/log/$APP
UNIT_DIR=/etc/systemd/system
KIOSK_UNIT=$APP.service
UPLOAD_UNITS=("$APP-upload.service" "$APP-upload.timer")
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
DESTDIR=${DESTDIR:-}
DESTDIR=${DESTDIR%/}
# The system's Python, which every user can run: a venv made from root's own Python (pyenv,
# say, under /root) would not start for the kiosk user. PYTHON=... chooses another.
PYTHON=${PYTHON:-$(command -v /usr/bin/python3 || command -v python3 || echo python3)}

# Debian packages a kiosk needs at run time, beyond those Qt needs (debian-packages.txt):
# cage, the Wayland kiosk compositor, which in Debian 12 will not start without Xwayland;
# Qt's Wayland plug-in's libraries; `lp` and `lpstat` for printing; python3-venv for the venv.
RUNTIME_PACKAGES=(cage xwayland libwayland-cursor0 libwayland-egl1 cups-client python3-venv)

usage() {
    cat <<EOF
Usage: $0 [--from-build DIR] [--no-deps] [--enable-upload-timer]
       $0 --uninstall

  --from-build DIR        install the PyInstaller folder DIR (from 'make package': dist/kiosk)
                          instead of pip-installing this checkout into a virtual environment
  --no-deps               do not install Debian packages (done anyway never under DESTDIR)
  --enable-upload-timer   also enable the timer that runs 'kiosk upload' every 15 minutes
                          (the running kiosk uploads by itself; this is for sites that prefer
                          a schedule, or kiosks that are often off)
  --uninstall             remove the app and its systemd units; keep the config, the upload
                          token, the contact log and the logs
Environment: DESTDIR=/some/root installs under that folder instead of /.
EOF
}

say() { printf '%s\n' "$*"; }
die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

from_build=""
install_deps=1
upload_timer=0
uninstall=0
while [ $# -gt 0 ]; do
    case "$1" in
        --from-build)
            [ $# -ge 2 ] || die "--from-build needs the folder of the build (dist/kiosk)"
            from_build=$(cd "$2" 2>/dev/null && pwd) || die "--from-build: no folder $2"
            shift 2
            ;;
        --no-deps) install_deps=0; shift ;;
        --enable-upload-timer) upload_timer=1; shift ;;
        --uninstall) uninstall=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown option: $1" ;;
    esac
done

[ "$(id -u)" -eq 0 ] || die "run me as root (sudo $0 $*): I create a user and write to /etc and /opt"
if [ -n "$DESTDIR" ]; then
    [ -d "$DESTDIR" ] || die "DESTDIR=$DESTDIR is not a folder"
    DESTDIR=$(cd "$DESTDIR" && pwd)
    [ "$DESTDIR" != / ] || DESTDIR=""
fi
root=$DESTDIR  # every path we write is "$root/..."

systemd_running() { [ -z "$DESTDIR" ] && [ -d /run/systemd/system ]; }

systemctl_offline() {
    # `systemctl --root` edits the enablement symlinks without a running systemd.
    if [ -n "$DESTDIR" ]; then
        systemctl --quiet --root="$DESTDIR" "$@"
    else
        systemctl --quiet "$@"
    fi
}

# --- uninstall ------------------------------------------------------------------------------
if [ "$uninstall" -eq 1 ]; then
    units=("$KIOSK_UNIT" "${UPLOAD_UNITS[@]}")
    if systemd_running; then
        systemctl stop "${units[@]}" 2>/dev/null || true
    fi
    if command -v systemctl >/dev/null 2>&1; then
        systemctl_offline disable "${units[@]}" 2>/dev/null || true
    fi
    for unit in "${units[@]}"; do
        rm -f "$root$UNIT_DIR/$unit"
    done
    if systemd_running; then
        systemctl daemon-reload
    fi
    rm -rf "$root$PREFIX"
    say "Removed the app ($PREFIX) and its systemd units."
    say "Kept, on purpose: the contact log and its data in $DATA_DIR, the logs in $LOG_DIR,"
    say "the config and upload token in $CONF_DIR, and the user '$USER_NAME'."
    say "Upload the contact log first if it matters (kiosk upload); then, to remove them too:"
    say "  rm -rf $DATA_DIR $LOG_DIR $CONF_DIR && userdel $USER_NAME"
    exit 0
fi

# --- Debian packages ------------------------------------------------------------------------
if [ "$install_deps" -eq 1 ] && [ -z "$DESTDIR" ]; then
    command -v apt-get >/dev/null 2>&1 ||
        die "no apt-get: install cage, Xwayland, CUPS' lp and Qt's libraries yourself, then use --no-deps"
    mapfile -t qt_packages < <(grep -v -e '^#' -e '^$' "$HERE/debian-packages.txt")
    missing=()
    for package in "${qt_packages[@]}" "${RUNTIME_PACKAGES[@]}"; do
        status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
        [ "$status" = installed ] || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        say "Installing Debian packages: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
fi

# --- the kiosk user -------------------------------------------------------------------------
passwd_file=$root/etc/passwd
if [ -n "$DESTDIR" ]; then
    # useradd --prefix needs the files to exist; a fresh image tree may not have them yet.
    mkdir -p "$root/etc"
    for file in passwd group; do
        [ -e "$root/etc/$file" ] || install -m 0644 /dev/null "$root/etc/$file"
    done
    for file in shadow gshadow; do
        [ -e "$root/etc/$file" ] || install -m 0600 /dev/null "$root/etc/$file"
    done
fi
if ! grep -q "^$USER_NAME:" "$passwd_file"; then
    prefix_args=()
    [ -z "$DESTDIR" ] || prefix_args=(--prefix "$DESTDIR")
    useradd "${prefix_args[@]}" --system --user-group --no-create-home \
        --home-dir "$DATA_DIR" --shell /usr/sbin/nologin \
        --comment "Assisted-digital kiosk" "$USER_NAME"
    say "Created the system user '$USER_NAME'."
fi
uid=$(awk -F: -v u="$USER_NAME" '$1 == u { print $3 }' "$passwd_file")
gid=$(awk -F: -v u="$USER_NAME" '$1 == u { print $4 }' "$passwd_file")
if [ -z "$uid" ] || [ -z "$gid" ]; then
    die "could not find the user '$USER_NAME' in $passwd_file"
fi

# `install`, but only when the content, owner or mode would change (so a second run is a no-op).
put() {  # put MODE OWNER:GROUP SOURCE TARGET
    local mode=$1 owner=$2 source=$3 target=$4
    if [ -f "$target" ] && cmp -s "$source" "$target" &&
        [ "$(stat -c '%a %u:%g' "$target")" = "${mode#0} $owner" ]; then
        return 0
    fi
    install -D -m "$mode" -o "${owner%:*}" -g "${owner#*:}" "$source" "$target"
}

folder() {  # folder MODE OWNER:GROUP PATH
    install -d -m "$1" -o "${2%:*}" -g "${2#*:}" "$3"
}

# --- the app --------------------------------------------------------------------------------
fingerprint() {  # what was installed: the build's or the checkout's files, hashed
    (cd "$1" && find "${@:2}" -type f ! -path '*/__pycache__/*' ! -name '*.pyc' -print0 |
        LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
}

app=$root$PREFIX
stamp=$app/.installed-from
if [ -n "$from_build" ]; then
    if [ ! -x "$from_build/kiosk" ] || [ ! -d "$from_build/_internal" ]; then
        die "$from_build is not a PyInstaller build of the kiosk (no kiosk and _internal in it)"
    fi
    wanted="build $(fingerprint "$from_build" .)"
else
    [ -f "$REPO/pyproject.toml" ] || die "no checkout at $REPO (pyproject.toml is missing)"
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null ||
        die "the kiosk needs Python 3.11 or newer ($PYTHON is not; Debian 12 and Ubuntu 24.04 have it), or use --from-build"
    wanted="venv $(fingerprint "$REPO" pyproject.toml README.md kiosk ui assets services_catalog)"
fi

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    say "The app in $PREFIX is up to date."
else
    staging=$(mktemp -d "$root/opt/.$APP.XXXXXX" 2>/dev/null) || {
        mkdir -p "$root/opt"
        staging=$(mktemp -d "$root/opt/.$APP.XXXXXX")
    }
    trap 'rm -rf "$staging"' EXIT
    chmod 0755 "$staging"
    if [ -n "$from_build" ]; then
        say "Installing the PyInstaller build from $from_build"
        cp -R --no-preserve=ownership "$from_build" "$staging/app"
        mkdir "$staging/bin"
        ln -s ../app/kiosk "$staging/bin/kiosk"
    else
        say "Installing the app from $REPO into a virtual environment (a few minutes)"
        "$PYTHON" -m venv "$staging" || die "could not make a virtual environment: apt-get install python3-venv"
        source_copy=$(mktemp -d)
        # a copy, so pip's in-tree build leaves no root-owned build/ or egg-info in the checkout
        (cd "$REPO" && cp -R pyproject.toml README.md kiosk ui "$source_copy/")
        "$staging/bin/python" -m pip install --quiet --disable-pip-version-check --no-compile \
            --no-warn-script-location "$source_copy" || die "pip install failed (see above)"
        rm -rf "$source_copy"
        # Compiled here, so tracebacks name the files where they will be ($PREFIX/lib/...).
        # Some packages ship templates that are not Python (PySide6's deploy tool): like pip,
        # do not fail on those.
        "$staging/bin/python" -m compileall -q -j 0 -s "$staging" -p "$PREFIX" "$staging/lib" \
            >/dev/null 2>&1 || true
        # kiosk/resources.py finds these in <venv>/share/assisted-digital-kiosk
        mkdir -p "$staging/share/$APP"
        (cd "$REPO" && cp -R assets services_catalog "$staging/share/$APP/")
        rm -f "$staging/share/$APP/assets/translations/"*.ts
        # The venv was made at $staging; its scripts must name $PREFIX, where it will run.
        grep -rlIF "$staging" "$staging/bin" | while read -r script; do
            sed -i "s|$staging|$PREFIX|g" "$script"
        done
        sed -i "s|$staging|$PREFIX|g" "$staging/pyvenv.cfg"
    fi
    printf '%s\n' "$wanted" >"$staging/.installed-from"
    chmod -R u+rwX,go+rX,go-w "$staging"
    chown -R 0:0 "$staging"
    rm -rf "$app"
    mv "$staging" "$app"
    trap - EXIT
    say "Installed the app in $PREFIX."
fi

# --- config, token, data and log folders ----------------------------------------------------
folder 0755 0:0 "$root$CONF_DIR"
config=$root$CONF_DIR/config.toml
if [ -e "$config" ]; then
    say "Kept the existing $CONF_DIR/config.toml."
else
    install -m 0640 -o 0 -g "$gid" "$HERE/config.toml" "$config"
    say "Wrote $CONF_DIR/config.toml: set the site, desk, staff codes, printer and upload there."
fi
token=$root$CONF_DIR/upload-token
if [ ! -e "$token" ]; then
    install -m 0600 -o "$uid" -g "$gid" /dev/null "$token"
    say "Made the empty token file $CONF_DIR/upload-token: put the council's upload token in it."
fi
folder 0700 "$uid:$gid" "$root$DATA_DIR"
folder 0700 "$uid:$gid" "$root$LOG_DIR"

# --- systemd units --------------------------------------------------------------------------
folder 0755 0:0 "$root$UNIT_DIR"
for unit in "$KIOSK_UNIT" "${UPLOAD_UNITS[@]}"; do
    put 0644 0:0 "$HERE/systemd/$unit" "$root$UNIT_DIR/$unit"
done
if systemd_running; then
    systemctl daemon-reload
fi
enable=("$KIOSK_UNIT")
[ "$upload_timer" -eq 0 ] || enable+=("$APP-upload.timer")
if command -v systemctl >/dev/null 2>&1; then
    systemctl_offline enable "${enable[@]}"
    say "Enabled ${enable[*]}: the kiosk starts on tty1 at the next boot."
else
    say "No systemctl here: enable ${enable[*]} on the kiosk yourself."
fi
if [ -z "$DESTDIR" ]; then
    say "Next: edit $CONF_DIR/config.toml and put the upload token in $CONF_DIR/upload-token;"
    say "set the supervisor's PIN, then check the machine and the settings:"
    say "  sudo -u $USER_NAME $PREFIX/bin/kiosk supervisor set-pin"
    say "  sudo -u $USER_NAME $PREFIX/bin/kiosk doctor"
    say "  sudo -u $USER_NAME $PREFIX/bin/kiosk config show"
    say "then reboot, or start it now: systemctl start $KIOSK_UNIT"
fi
