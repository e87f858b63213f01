<#
.SYNOPSIS
    Removes the Orleans.Transfer Windows service that install-service.ps1 installed (docs/operations.md).

.DESCRIPTION
    Stops the service (jobs resume from their checkpoints if it is installed again), deletes it and its event log
    source, and removes the installed binaries unless -KeepFiles. The data directory (the jobs, the database, the
    service certificate) is kept unless -RemoveData. Run from an elevated prompt. Not verified on a Windows machine yet.

.EXAMPLE
    .\scripts\windows\uninstall-service.ps1 -RemoveData
#>
#Requires -RunAsAdministrator
[CmdletBinding()]
param(
    [string] $ServiceName = 'OrleansTransfer',
    [string] $InstallDirectory = (Join-Path $env:ProgramFiles 'OrleansTransfer'),
    [string] $DataDirectory = (Join-Path $env:ProgramData 'OrleansTransfer'),

    # Keep the published binaries in -InstallDirectory.
    [switch] $KeepFiles,

    # Also delete the data directory: every job, its state and the service certificate are gone for good.
    [switch] $RemoveData
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$eventSource = 'OrleansTransfer'

$service = Get-Service -Name $ServiceName -ErrorAction SilentlyContinue
if ($service) {
    if ($service.Status -ne 'Stopped') {
        # The silo stops gracefully on the service control manager's stop: jobs are checkpointed first.
        Stop-Service -Name $ServiceName
        $service.WaitForStatus('Stopped', [TimeSpan]::FromSeconds(60))
    }
    # sc.exe rather than Remove-Service, which Windows PowerShell 5.1 lacks.
    & sc.exe delete $ServiceName | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "sc.exe could not delete the service '$ServiceName' (exit $LASTEXITCODE)." }
    Write-Host "Removed the service '$ServiceName'."
}
else {
    Write-Host "No service named '$ServiceName' is installed."
}

if ([System.Diagnostics.EventLog]::SourceExists($eventSource)) {
    [System.Diagnostics.EventLog]::DeleteEventSource($eventSource)
}

if (-not $KeepFiles -and (Test-Path $InstallDirectory)) {
    Remove-Item -Recurse -Force $InstallDirectory
    Write-Host "Removed $InstallDirectory."
}

if ($RemoveData -and (Test-Path $DataDirectory)) {
    Remove-Item -Recurse -Force $DataDirectory
    Write-Host "Removed $DataDirectory (every job and the service certificate)."
}
elseif (Test-Path $DataDirectory) {
    Write-Host "Kept $DataDirectory (the jobs and the service certificate); -RemoveData deletes it."
}
