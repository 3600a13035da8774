BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-TestModule
    $module = Get-Module DsccPowerShell
}

Describe 'The staged module' {
    It 'has a valid manifest that exports exactly its cmdlets' {
        $manifest = Test-ModuleManifest $env:DSCC_TEST_MODULE

        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.ExportedCmdlets.Keys | Sort-Object | Should -Be (
            $module.ExportedCmdlets.Keys | Sort-Object)
        $module.ExportedCmdlets.Keys | Should -Contain 'New-DsccVolume'
    }

    It 'loads its engine and third-party assemblies only in its own load context' {
        $null = Connect-TestSession
        $null = Get-DsccVolume | Select-Object -First 1
        Disconnect-Dscc

        $dependencyFolder = Join-Path (Split-Path $env:DSCC_TEST_MODULE) 'dependencies'
        $ours = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object {
            -not $_.IsDynamic -and $_.Location -and $_.Location.StartsWith($dependencyFolder)
        }
        $ours.GetName().Name | Should -Contain 'DsccPowerShell.Engine'
        $ours.GetName().Name | Should -Contain 'Newtonsoft.Json'
        foreach ($assembly in $ours) {
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).GetType().Name |
                Should -Be 'DependencyLoadContext' -Because "$($assembly.GetName().Name) must stay isolated"
        }
    }

    It 'keeps the cmdlet assembly free of third-party references' {
        $cmdletAssembly = [DsccPowerShell.Cmdlets.DsccCmdlet].Assembly

        $references = $cmdletAssembly.GetReferencedAssemblies().Name

        $references | Should -Contain 'DsccPowerShell.Engine'
        $references | Should -Not -Contain 'Newtonsoft.Json'
        $references | Where-Object { $_ -like 'Microsoft.Extensions.*' } | Should -BeNullOrEmpty
    }
}
