#!/usr/bin/env bash
# Installs the real peers the tests start on 127.0.0.1: for the HTTP options (docs/http-options.md) squid and tinyproxy
# as forward proxies, apache2 for Basic and Digest, apache2-utils for htpasswd/htdigest; for SMB (docs/smb.md) samba's
# smbd, smbclient (the benchmark's anchor) and libsmbclient (the service's SMB client on Linux); for network cost
# (FakeNetworkManager) dbus-daemon, dbus-send and python3-dbusmock's NetworkManager template; for the dashboard's
# browser tests (docs/dashboard.md) Debian's chromium, which Playwright drives (nothing downloads a browser); for upload
# sessions across a cluster (docs/uploads.md) nginx as the round-robin load balancer. Idempotent and quiet: does
# nothing when they are all there. The daemons Debian starts on install are stopped and disabled; the tests run their
# own instances with their own configuration, ports and directories. PowerShell 7.6 (pwsh, for the OrleansTransfer
# module's tests, docs/powershell.md) comes as a .NET tool into XFER_PWSH_TOOLS (default ~/.cache/orleans-transfer/pwsh),
# where the tests look for it; 7.7 does not install here, so the version is pinned.
set -euo pipefail

pwsh_tools="${XFER_PWSH_TOOLS:-$HOME/.cache/orleans-transfer/pwsh}"
if [[ ! -x "$pwsh_tools/pwsh" ]]; then
  echo "test-peers.sh: installing PowerShell 7.6.10 (dotnet tool) into $pwsh_tools" >&2
  dotnet tool install PowerShell --version 7.6.10 --tool-path "$pwsh_tools" >/dev/null
fi

needed=()
command -v squid >/dev/null 2>&1 || [[ -x /usr/sbin/squid ]] || needed+=(squid)
command -v tinyproxy >/dev/null 2>&1 || needed+=(tinyproxy)
command -v apache2 >/dev/null 2>&1 || [[ -x /usr/sbin/apache2 ]] || needed+=(apache2)
command -v htpasswd >/dev/null 2>&1 || needed+=(apache2-utils)
[[ -x /usr/sbin/smbd ]] || needed+=(samba)
command -v smbclient >/dev/null 2>&1 || needed+=(smbclient)
[[ -e /usr/lib/x86_64-linux-gnu/libsmbclient.so.0 || -e /usr/lib/aarch64-linux-gnu/libsmbclient.so.0 ]] || needed+=(libsmbclient)
[[ -x /usr/bin/dbus-daemon ]] || needed+=(dbus-daemon)
[[ -x /usr/bin/dbus-send ]] || needed+=(dbus-bin)
[[ -d /usr/lib/python3/dist-packages/dbusmock ]] || needed+=(python3-dbusmock)
[[ -x /usr/bin/chromium ]] || needed+=(chromium)
[[ -x /usr/sbin/nginx ]] || needed+=(nginx)
((${#needed[@]})) || exit 0

sudo=
if [[ $(id -u) -ne 0 ]]; then sudo=sudo; fi
echo "test-peers.sh: installing ${needed[*]}" >&2
# policy-rc.d exit 101 keeps the packages' own services from starting (they would take ports 80 and 3128).
policy=/usr/sbin/policy-rc.d
created_policy=
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod 0755 "$policy"
  created_policy=1
fi
trap '[[ -n "$created_policy" ]] && $sudo rm -f "$policy"' EXIT
$sudo apt-get update -qq >/dev/null
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
