# Starts and stops the local DSCC simulator for the build's Test and Demo tasks and for anyone rehearsing a runbook.
Set-StrictMode -Version 3

$script:RepoRoot = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent

function Start-DsccSimulator {
    <#
    .SYNOPSIS
    Builds (if needed) and starts the DSCC simulator on a free loopback port; returns its URL and demo client.
    .PARAMETER ArgumentList
    Extra simulator options, such as '--volumes', '100000'. See: dotnet run --project src/DsccSimulator -- --help
    #>
    [CmdletBinding()]
    param(
        [string[]] $ArgumentList = @(),
        [ValidateSet('Debug', 'Release')]
        [string] $Configuration = 'Release',
        [switch] $NoBuild,
        [int] $StartTimeoutSec = 60
    )

    $project = Join-Path $script:RepoRoot 'src/DsccSimulator/DsccSimulator.csproj'
    if (-not $NoBuild) {
        & dotnet build $project --configuration $Configuration --nologo --verbosity quiet | Out-Host
        if ($LASTEXITCODE) { throw "Building the simulator failed (exit code $LASTEXITCODE)." }
    }

    $dll = Join-Path $script:RepoRoot "src/DsccSimulator/bin/$Configuration/net10.0/DsccSimulator.dll"
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $startInfo.ArgumentList.Add($dll)
    foreach ($argument in @('--port', '0') + $ArgumentList) { $startInfo.ArgumentList.Add($argument) }
    $startInfo.RedirectStandardOutput = $true
    $startInfo.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($startInfo)

    # The first three lines name the URL and the demo client; read them before anything else touches stdout.
    $banner = @{}
    $deadline = [DateTime]::UtcNow.AddSeconds($StartTimeoutSec)
    while ($banner.Count -lt 3) {
        $pending = $process.StandardOutput.ReadLineAsync()
        while (-not $pending.Wait(200)) {
            if ($process.HasExited -or [DateTime]::UtcNow -gt $deadline) {
                if (-not $process.HasExited) { $process.Kill($true) }
                throw "The DSCC simulator did not start (exit code: $(if ($process.HasExited) { $process.ExitCode }))."
            }
        }

        $line = $pending.Result
        if ($null -eq $line) { throw 'The DSCC simulator closed its output before announcing its address.' }
        if ($line -match '^DSCC simulator listening on (\S+)') { $banner.Url = $Matches[1] }
        elseif ($line -match '^Client id: (\S+)') { $banner.ClientId = $Matches[1] }
        elseif ($line -match '^Client secret: (\S+)') { $banner.ClientSecret = $Matches[1] }
    }

    # Keep draining stdout so a chatty simulator can never block on a full pipe.
    $null = $process.StandardOutput.ReadToEndAsync()

    [pscustomobject]@{
        PSTypeName   = 'DsccPowerShell.SimulatorInfo'
        Url          = $banner.Url
        TokenUri     = $banner.Url + '/as/token.oauth2'
        ClientId     = $banner.ClientId
        ClientSecret = $banner.ClientSecret
        Process      = $process
    }
}

function Stop-DsccSimulator {
    <# .SYNOPSIS Stops a simulator started by Start-DsccSimulator. #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Simulator)

    process {
        if (-not $Simulator.Process.HasExited) {
            $Simulator.Process.Kill($true)
            $null = $Simulator.Process.WaitForExit(10000)
        }
    }
}

Export-ModuleMember -Function Start-DsccSimulator, Stop-DsccSimulator
