#!/usr/bin/env bash
# Installs Orleans.Transfer as a systemd system service (docs/security.md):
#   sudo ./scripts/service/install.sh [--admin-group GROUP]
# Publishes the silo and xfer to /opt/orleans-transfer, installs the unit, links /usr/local/bin/xfer, and starts it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
prefix=/opt/orleans-transfer
admin_group=

while (($#)); do
  case "$1" in
    --admin-group) admin_group="$2"; shift 2 ;;
    *) echo "install.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

if [[ $(id -u) -ne 0 ]]; then
  echo "install.sh: run as root (sudo): it installs a system service" >&2
  exit 1
fi

# ReadyToRun: the silo restarts after a crash and xfer is a short-lived process, so start-up time matters. On Linux x64
# xfer is compiled natively (docs/cli.md: a tenth of the start-up); without a native toolchain it stays ReadyToRun.
dotnet publish "$root/silo/Orleans.Transfer.Silo" -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o "$prefix/silo" -nologo -v q
if [[ "$(uname -sm)" != "Linux x86_64" ]] \
  || ! dotnet publish "$root/client/Orleans.Transfer.Cli" -c Release -r linux-x64 -p:XferNativeAot=true -o "$prefix/xfer" -nologo -v q; then
  [[ "$(uname -sm)" == "Linux x86_64" ]] && echo "install.sh: the native build of xfer failed; publishing it with ReadyToRun" >&2
  rm -rf "$prefix/xfer"
  dotnet publish "$root/client/Orleans.Transfer.Cli" -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o "$prefix/xfer" -nologo -v q
fi
install -d -m 0755 "$prefix/docs"
install -m 0644 "$root/docs/security.md" "$prefix/docs/security.md"
install -m 0644 "$root/docs/operations.md" "$prefix/docs/operations.md"
chown -R root:root "$prefix"
chmod -R go-w "$prefix"

install -d -m 0755 /etc/orleans-transfer
if [[ -n "$admin_group" ]]; then
  getent group "$admin_group" >/dev/null || groupadd --system "$admin_group"
  echo "Transfer__Security__AdminGroup=$admin_group" >/etc/orleans-transfer/environment
  chmod 0644 /etc/orleans-transfer/environment
fi

install -m 0644 "$root/scripts/service/orleans-transfer.service" /etc/systemd/system/orleans-transfer.service
ln -sf "$prefix/xfer/xfer" /usr/local/bin/xfer
systemctl daemon-reload
systemctl enable --now orleans-transfer.service
echo "installed: 'xfer service status' or 'systemctl status orleans-transfer'; log: 'journalctl -u orleans-transfer'; users run 'xfer ...' (socket /run/orleans-transfer/xfer.sock)"
