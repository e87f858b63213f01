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

dotnet publish "$root/silo/Orleans.Transfer.Silo" -c Release --use-current-runtime --self-contained false -o "$prefix/silo" -nologo -v q
dotnet publish "$root/client/Orleans.Transfer.Cli" -c Release --use-current-runtime --self-contained false -o "$prefix/xfer" -nologo -v q
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
