#!/bin/sh
# Installs the Debian/Ubuntu packages listed in debian-packages.txt that are missing.
# Safe to run again: it does nothing when everything is there.
set -eu
here=$(dirname "$0")
packages=$(grep -v '^#' "$here/debian-packages.txt" | grep -v '^$')
python3 -c 'import ensurepip, venv' 2>/dev/null || packages="$packages python3-venv"

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "Not a Debian/Ubuntu system: install the equivalents of packaging/linux/debian-packages.txt yourself."
    exit 0
fi
missing=""
for package in $packages; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
    [ "$status" = "installed" ] || missing="$missing $package"
done
[ -z "$missing" ] && exit 0

echo "Installing system packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "error: these packages are missing and I am not root:$missing" >&2
    echo "Ask your administrator to run: apt-get install$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing
