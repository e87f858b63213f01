@{
    RootModule             = 'Orleans.Transfer.PowerShell.dll'
    ModuleVersion          = '1.0.0'
    GUID                   = '5b0f3f0e-8d5c-4f8e-9a53-2f7c0f4d6b21'
    Author                 = 'Orleans.Transfer'
    Description            = 'Cmdlets for the Orleans.Transfer service, with the BitsTransfer module''s habits: Start-, Get-, Set-, Resume-, Suspend-, Complete-, Remove-XferTransfer and Add-XferFile.'
    PowerShellVersion      = '7.6'
    CompatiblePSEditions   = @('Core')
    FormatsToProcess       = @('OrleansTransfer.format.ps1xml')
    CmdletsToExport        = @(
        'Start-XferTransfer', 'Get-XferTransfer', 'Set-XferTransfer', 'Resume-XferTransfer',
        'Suspend-XferTransfer', 'Complete-XferTransfer', 'Remove-XferTransfer', 'Add-XferFile')
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
}
