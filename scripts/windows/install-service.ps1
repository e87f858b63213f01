<#
.SYNOPSIS
    Installs Orleans.Transfer as a Windows service (docs/operations.md), as BITS runs: started automatically, as
    LocalSystem unless told otherwise, restarted on failure, logging to the Application event log.

.DESCRIPTION
    Publishes the silo and xfer from this checkout into -InstallDirectory (skip with -SkipPublish when the binaries are
    there already), creates the data directory readable by SYSTEM, Administrators and the service account only,
    registers the event log source OrleansTransfer, creates the service with XFER_HOME set in its environment, sets its
    recovery actions (restart after 5 s, 5 s, then 60 s; counters reset after a day), starts it and prints
    'xfer service status'. Run from an elevated PowerShell 7 or Windows PowerShell 5.1 prompt.

    Not verified on a Windows machine yet: written against the documented behaviour of New-Service, sc.exe and the
    .NET ACL types; see docs/operations.md, "What was not verified on Windows".

.EXAMPLE
    .\scripts\windows\install-service.ps1
.EXAMPLE
    .\scripts\windows\install-service.ps1 -Credential (Get-Credential CONTOSO\svc-xfer) -Environment @{ XFER_STORAGE = 'PostgreSql' }
#>
#Requires -RunAsAdministrator
[CmdletBinding()]
param(
    # Where the silo (silo\) and xfer (xfer\) are installed.
    [string] $InstallDirectory = (Join-Path $env:ProgramFiles 'OrleansTransfer'),

    # XFER_HOME: the database, the service certificate and the keys; only SYSTEM, Administrators and the service account may read it.
    [string] $DataDirectory = (Join-Path $env:ProgramData 'OrleansTransfer'),

    # The service's name; the silo registers itself under OrleansTransfer (AddWindowsService), so change it only with the code.
    [string] $ServiceName = 'OrleansTransfer',

    # The account the service runs as; default LocalSystem, as BITS. A domain or local account needs 'Log on as a service'.
    [pscredential] $Credential,

    # Extra environment variables of the service, e.g. @{ XFER_STORAGE = 'PostgreSql'; XFER_POSTGRES = '...' }.
    [hashtable] $Environment = @{},

    # Use the binaries already in -InstallDirectory instead of publishing this checkout.
    [switch] $SkipPublish,

    # Replace an installed service of the same name (its data directory is kept).
    [switch] $Force
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

function Invoke-Sc([string[]] $Arguments) {
    & sc.exe @Arguments | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "sc.exe $($Arguments -join ' ') failed (exit $LASTEXITCODE)." }
}

$eventSource = 'OrleansTransfer'
$siloExe = Join-Path $InstallDirectory 'silo\Orleans.Transfer.Silo.exe'
$xferExe = Join-Path $InstallDirectory 'xfer\xfer.exe'

if (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue) {
    if (-not $Force) {
        throw "The service '$ServiceName' is installed already. Run uninstall-service.ps1 first, or pass -Force to replace it (its data directory is kept)."
    }
    & (Join-Path $PSScriptRoot 'uninstall-service.ps1') -ServiceName $ServiceName -InstallDirectory $InstallDirectory -KeepFiles:$SkipPublish
}

if (-not $SkipPublish) {
    $root = Resolve-Path (Join-Path $PSScriptRoot '..\..')
    foreach ($project in @(@{ Path = 'silo\Orleans.Transfer.Silo'; Out = 'silo' }, @{ Path = 'client\Orleans.Transfer.Cli'; Out = 'xfer' })) {
        & dotnet publish (Join-Path $root $project.Path) -c Release -r win-x64 --self-contained false -o (Join-Path $InstallDirectory $project.Out) -nologo -v q
        if ($LASTEXITCODE -ne 0) { throw "dotnet publish $($project.Path) failed (exit $LASTEXITCODE)." }
    }
}
if (-not (Test-Path $siloExe)) { throw "No silo at ${siloExe}: publish it there, or leave out -SkipPublish." }

# The data directory: not inherited, full control for SYSTEM, Administrators and the service account, nobody else. The
# silo checks the same at start (and refuses to run on a directory others can read).
New-Item -ItemType Directory -Force -Path $DataDirectory | Out-Null
$acl = New-Object System.Security.AccessControl.DirectorySecurity
$acl.SetAccessRuleProtection($true, $false)
$owners = @(
    (New-Object System.Security.Principal.SecurityIdentifier 'S-1-5-18'),      # LocalSystem
    (New-Object System.Security.Principal.SecurityIdentifier 'S-1-5-32-544')   # Administrators
)
if ($Credential) {
    $owners += (New-Object System.Security.Principal.NTAccount $Credential.UserName).Translate([System.Security.Principal.SecurityIdentifier])
}
foreach ($sid in $owners) {
    $acl.AddAccessRule((New-Object System.Security.AccessControl.FileSystemAccessRule(
        $sid, 'FullControl', 'ContainerInherit,ObjectInherit', 'None', 'Allow')))
}
Set-Acl -Path $DataDirectory -AclObject $acl

# The event log source the silo writes under (ServiceLogging.EventLogSource); creating one needs an administrator, so
# the service, which may not be one, finds it ready.
if (-not [System.Diagnostics.EventLog]::SourceExists($eventSource)) {
    [System.Diagnostics.EventLog]::CreateEventSource($eventSource, 'Application')
}

$service = @{
    Name           = $ServiceName
    BinaryPathName = "`"$siloExe`""
    DisplayName    = 'Orleans.Transfer background transfer service'
    Description    = 'Durable, resumable background file transfers (a BITS-like service). Users run xfer; see docs/operations.md.'
    StartupType    = 'Automatic'
}
if ($Credential) { $service.Credential = $Credential }
New-Service @service | Out-Null

# A Windows service reads its own environment from the registry (REG_MULTI_SZ Environment under its key).
$variables = @{ XFER_HOME = $DataDirectory; DOTNET_CLI_TELEMETRY_OPTOUT = '1' }
foreach ($name in $Environment.Keys) { $variables[$name] = [string] $Environment[$name] }
$key = "HKLM:\SYSTEM\CurrentControlSet\Services\$ServiceName"
New-ItemProperty -Path $key -Name 'Environment' -PropertyType MultiString -Force `
    -Value ([string[]] ($variables.GetEnumerator() | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Value)" })) | Out-Null

# Start after the boot rush, as BITS does; restart on failure (a crash or a non-zero exit), back off on repeats.
Invoke-Sc @('config', $ServiceName, 'start=', 'delayed-auto')
Invoke-Sc @('failure', $ServiceName, 'reset=', '86400', 'actions=', 'restart/5000/restart/5000/restart/60000')
Invoke-Sc @('failureflag', $ServiceName, '1')

Start-Service -Name $ServiceName
Write-Host "Installed and started '$ServiceName'. Data: $DataDirectory. Log: Event Viewer > Windows Logs > Application, source $eventSource."
if (Test-Path $xferExe) {
    Write-Host "Add $(Split-Path $xferExe) to PATH for every user; now:"
    & $xferExe service status
}
