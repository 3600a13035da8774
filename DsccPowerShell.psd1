@{
    RootModule           = 'DsccPowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f1d2c7e-3b5a-4f8e-9a41-2d7c5e8b9f10'
    Author               = 'DsccPowerShell contributors'
    CompanyName          = 'DsccPowerShell'
    Copyright            = '(c) DsccPowerShell contributors. All rights reserved.'
    Description          = 'Cmdlets for the HPE Data Services Cloud Console (DSCC) storage REST API.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('DsccPowerShell.Format.ps1xml')
    TypesToProcess       = @('DsccPowerShell.Types.ps1xml')
    CmdletsToExport      = @(
        'Connect-Dscc'
        'Disconnect-Dscc'
        'Get-DsccSession'
        'Get-DsccStorageSystem'
        'Get-DsccStoragePool'
        'Get-DsccVolume'
        'New-DsccVolume'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('HPE', 'DSCC', 'Storage', 'Alletra', 'Primera', 'Nimble', 'GreenLake')
            ReleaseNotes = 'First cut: connect, storage systems, volumes (list, get, create).'
        }
    }
}
