<#
.SYNOPSIS
Builds, tests and demonstrates DsccPowerShell.

.DESCRIPTION
Build  stages a loadable module under out/DsccPowerShell (manifest, cmdlet DLL, formats; the engine and
       third-party DLLs in dependencies/).
Test   builds, runs the xunit projects, starts one DSCC simulator, runs the Pester tests against the staged module,
       stops the simulator and ends with one line: "N passed, M failed, K skipped". Exits 1 on any failure.
Demo   builds, starts a simulator, connects, lists systems and volumes, creates a volume and stops the simulator.
Bench  builds, times listing 100,000 volumes against a plain REST loop, and runs the 2-minute transport soak.

.EXAMPLE
dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3

# Colour codes only make sense on a terminal; CI logs and files get plain text.
$PlainOutput = [Console]::IsOutputRedirected
if ($PlainOutput) { $PSStyle.OutputRendering = 'PlainText' }

$RepoRoot = $PSScriptRoot
$ModuleOut = Join-Path $RepoRoot 'out/DsccPowerShell'
$PesterVersion = '5.7.1'

# Files that must land in dependencies/; a missing one means the module would fail at first use, not at build.
$RequiredDependencies = @(
    'DsccPowerShell.Engine.dll'
    'Newtonsoft.Json.dll'
    'Microsoft.Extensions.Http.dll'
)

function Invoke-Dotnet {
    # A simple function on purpose: $args passes dotnet's own switches through without PowerShell binding them.
    & dotnet @args
    if ($LASTEXITCODE) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-ModuleBuild {
    $project = Join-Path $RepoRoot 'src/DsccPowerShell/DsccPowerShell.csproj'
    Invoke-Dotnet build $project --configuration $Configuration --nologo --verbosity quiet

    $binaries = Join-Path $RepoRoot "src/DsccPowerShell/bin/$Configuration/netstandard2.0"
    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    $dependencies = New-Item -ItemType Directory -Path (Join-Path $ModuleOut 'dependencies') -Force

    Copy-Item (Join-Path $RepoRoot 'DsccPowerShell.psd1') $ModuleOut
    Copy-Item (Join-Path $binaries 'DsccPowerShell.dll'), (Join-Path $binaries '*.ps1xml') $ModuleOut
    # Get-Help reads a binary module's help from <culture>/<assembly>-Help.xml beside the assembly.
    Copy-Item (Join-Path $binaries 'en-US') $ModuleOut -Recurse

    # PowerShell itself provides System.Management.Automation; shipping it would break both editions.
    Get-ChildItem $binaries -Filter *.dll |
        Where-Object Name -NotIn 'DsccPowerShell.dll', 'System.Management.Automation.dll' |
        Copy-Item -Destination $dependencies

    foreach ($required in $RequiredDependencies) {
        if (-not (Test-Path (Join-Path $dependencies $required))) { throw "Staging missed dependencies/$required." }
    }

    Write-Host "Module staged at $ModuleOut"
}

function Get-PesterModulePath {
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $manifest = Join-Path $packages.Trim() "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) {
        throw "Pester $PesterVersion is not at $manifest; restoring tests/DsccPowerShell.Tests downloads it."
    }

    $manifest
}

function Invoke-XunitTests {
    $totals = @{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($project in Get-ChildItem (Join-Path $RepoRoot 'tests') -Recurse -Filter *.Tests.csproj) {
        $output = & dotnet test $project.FullName -c $Configuration --nologo 2>&1 | Tee-Object -Variable lines
        $output | Out-Host
        $summary = $lines | Select-String 'Failed:\s*(\d+),\s*Passed:\s*(\d+),\s*Skipped:\s*(\d+)' |
            Select-Object -Last 1
        if ($null -eq $summary) {
            # A crashed or unbuildable test project counts as a failure, never as nothing to report.
            Write-Host "No test summary from $($project.Name): counting it as one failure." -ForegroundColor Red
            $totals.Failed++
            continue
        }

        $totals.Failed += [int]$summary.Matches[0].Groups[1].Value
        $totals.Passed += [int]$summary.Matches[0].Groups[2].Value
        $totals.Skipped += [int]$summary.Matches[0].Groups[3].Value
        if ($LASTEXITCODE -and [int]$summary.Matches[0].Groups[1].Value -eq 0) { $totals.Failed++ }
    }

    $totals
}

function Invoke-PesterTests {
    Import-Module (Join-Path $RepoRoot 'tests/tools/DsccSimulator.psm1') -Force
    $simulator = Start-DsccSimulator -Configuration $Configuration -ArgumentList @(
        '--seed', '7', '--volumes', '230', '--max-page-size', '100', '--task-duration-ms', '1200')
    try {
        $env:DSCC_TEST_SIMULATOR_URL = $simulator.Url
        $env:DSCC_TEST_CLIENT_ID = $simulator.ClientId
        $env:DSCC_TEST_CLIENT_SECRET = $simulator.ClientSecret
        $env:DSCC_TEST_MODULE = Join-Path $ModuleOut 'DsccPowerShell.psd1'

        Import-Module (Get-PesterModulePath) -Force
        $configuration = New-PesterConfiguration
        $configuration.Run.Path = Join-Path $RepoRoot 'tests/Pester'
        $configuration.Run.PassThru = $true
        $configuration.Output.Verbosity = 'Detailed'
        if ($PlainOutput) { $configuration.Output.RenderMode = 'Plaintext' }
        $result = Invoke-Pester -Configuration $configuration

        # A container that failed to load counts too: its tests never ran.
        @{
            Passed  = $result.PassedCount
            Failed  = $result.FailedCount + $result.FailedContainersCount
            Skipped = $result.SkippedCount
        }
    }
    finally {
        $simulator | Stop-DsccSimulator
    }
}

function Invoke-Tests {
    Invoke-ModuleBuild
    $xunit = Invoke-XunitTests
    $pester = Invoke-PesterTests

    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    $skipped = $xunit.Skipped + $pester.Skipped
    Write-Host ("xunit: {0} passed, {1} failed; Pester: {2} passed, {3} failed" -f
        $xunit.Passed, $xunit.Failed, $pester.Passed, $pester.Failed)
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Show-Table {
    param([object[]] $InputObject)

    # Wide enough for 42-character device-type2 ids even when the output is redirected to a file.
    $InputObject | Format-Table -AutoSize | Out-String -Width 250 | Out-Host
}

function Invoke-Demo {
    Invoke-ModuleBuild
    Import-Module (Join-Path $RepoRoot 'tests/tools/DsccSimulator.psm1') -Force
    $simulator = Start-DsccSimulator -Configuration $Configuration
    try {
        Write-Host "`nDSCC simulator at $($simulator.Url) (demo client '$($simulator.ClientId)')." -ForegroundColor Cyan
        Import-Module (Join-Path $ModuleOut 'DsccPowerShell.psd1') -Force

        # The simulator prints its demo secret; a real secret comes from a vault or Get-Credential.
        $secret = ConvertTo-SecureString $simulator.ClientSecret -AsPlainText -Force
        Write-Host "`n> Connect-Dscc -ClientId $($simulator.ClientId) -ClientSecret `$secret -BaseUri ..." `
            -ForegroundColor Cyan
        $session = Connect-Dscc -ClientId $simulator.ClientId -ClientSecret $secret `
            -BaseUri $simulator.Url -TokenUri $simulator.TokenUri
        Show-Table $session

        Write-Host '> Get-DsccStorageSystem' -ForegroundColor Cyan
        $systems = @(Get-DsccStorageSystem)
        Show-Table $systems

        Write-Host '> Get-DsccVolume | Select-Object -First 10' -ForegroundColor Cyan
        Show-Table (Get-DsccVolume | Select-Object -First 10)
        Write-Host "  ($((Get-DsccVolume | Measure-Object).Count) volumes in all)"

        $system = $systems | Where-Object productFamily -eq 'deviceType1' | Select-Object -First 1
        Write-Host "> `$system | Get-DsccStoragePool   # $($system.name)" -ForegroundColor Cyan
        $pools = @($system | Get-DsccStoragePool)
        Show-Table $pools

        $name = 'demo-vol-' + (Get-Date -Format 'HHmmss')
        $pool = $pools[0].name
        Write-Host "> `$system | New-DsccVolume -Name $name -SizeMiB 16384 -Pool $pool -Verbose" -ForegroundColor Cyan
        $volume = $system | New-DsccVolume -Name $name -SizeMiB 16384 -Pool $pool -Verbose
        Show-Table $volume

        Write-Host "> Get-DsccVolume -Id $($volume.id) | Format-List name, systemId, sizeMiB, healthState, wwn" `
            -ForegroundColor Cyan
        Get-DsccVolume -Id $volume.id | Format-List name, systemId, sizeMiB, healthState, wwn | Out-Host

        Disconnect-Dscc
    }
    finally {
        $simulator | Stop-DsccSimulator
        Write-Host 'Simulator stopped.'
    }
}

switch ($Task) {
    'Build' { Invoke-ModuleBuild }
    'Test' { Invoke-Tests }
    'Demo' { Invoke-Demo }
    'Bench' {
        Invoke-ModuleBuild
        Invoke-Dotnet build (Join-Path $RepoRoot 'src/DsccSimulator') --configuration $Configuration --nologo `
            --verbosity quiet
        & (Join-Path $RepoRoot 'tests/tools/Bench.ps1') -ModuleManifest (Join-Path $ModuleOut 'DsccPowerShell.psd1') `
            -Configuration $Configuration
    }
}
