<#
.SYNOPSIS
Benchmarks and the transport soak, run by ./build.ps1 -Task Bench (never by the test command: they take minutes).

.DESCRIPTION
1. Listing 100,000 volumes: Get-DsccVolume against a plain Invoke-RestMethod paging loop over the same simulator,
   as a time ratio, and the managed memory the streaming pipeline holds compared with collecting the list.
2. Soak: 8 workers (two sessions of one API client, four workers each) for -SoakSeconds against a simulator whose
   tokens last 3 s and that injects faults into 20 % of calls. Prints requests, retries, renewals and failures.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [ValidateSet('Debug', 'Release')] [string] $Configuration = 'Release',
    [int] $SoakSeconds = 120,
    [int] $Volumes = 100000
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'DsccSimulator.psm1') -Force
Import-Module $ModuleManifest -Force

function Connect-Simulator($simulator) {
    $secret = ConvertTo-SecureString $simulator.ClientSecret -AsPlainText -Force
    Connect-Dscc -ClientId $simulator.ClientId -ClientSecret $secret -BaseUri $simulator.Url `
        -TokenUri $simulator.TokenUri
}

function Measure-Listing {
    $simulator = Start-DsccSimulator -Configuration $Configuration -NoBuild -ArgumentList @(
        '--volumes', $Volumes, '--max-page-size', '500')
    try {
        $session = Connect-Simulator $simulator
        $null = Get-DsccVolume -Session $session | Select-Object -First 1

        $module = Measure-Command { $script:moduleCount = (Get-DsccVolume -Session $session | Measure-Object).Count }

        $body = @{ grant_type = 'client_credentials'; client_id = $simulator.ClientId
            client_secret = $simulator.ClientSecret }
        $raw = Measure-Command {
            $token = (Invoke-RestMethod -Method Post -Uri $simulator.TokenUri -Body $body).access_token
            $headers = @{ Authorization = "Bearer $token" }
            $script:rawCount = 0
            for ($offset = 0; ; $offset += 500) {
                $page = Invoke-RestMethod -Uri "$($simulator.Url)/api/v1/volumes?offset=$offset&limit=500" `
                    -Headers $headers
                $script:rawCount += $page.items.Count
                if ($offset + 500 -ge $page.total) { break }
            }
        }

        # Streaming keeps about one page alive; collecting keeps every volume. Compare the managed heap after each.
        [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
        $baseline = [GC]::GetTotalMemory($true)
        $peakStreaming = 0
        Get-DsccVolume -Session $session | ForEach-Object -Begin { $i = 0 } -Process {
            if (($i++ % 5000) -eq 0) { $peakStreaming = [Math]::Max($peakStreaming, [GC]::GetTotalMemory($false)) }
        }
        $collected = @(Get-DsccVolume -Session $session)
        $heldByList = [GC]::GetTotalMemory($true) - $baseline
        $collected = $null

        [pscustomobject]@{
            Volumes                  = $moduleCount
            RawLoopVolumes           = $rawCount
            ModuleSeconds            = [Math]::Round($module.TotalSeconds, 2)
            RawLoopSeconds           = [Math]::Round($raw.TotalSeconds, 2)
            TimeRatioModuleToRaw     = [Math]::Round($module.TotalSeconds / $raw.TotalSeconds, 2)
            StreamingPeakMiBAboveIdle = [Math]::Round(($peakStreaming - $baseline) / 1MB, 1)
            CollectedListMiB         = [Math]::Round($heldByList / 1MB, 1)
        }
    }
    finally {
        Disconnect-Dscc -All
        $simulator | Stop-DsccSimulator
    }
}

function Invoke-Soak {
    $simulator = Start-DsccSimulator -Configuration $Configuration -NoBuild -ArgumentList @(
        '--token-lifetime', '3', '--fault-rate', '0.2', '--volumes', '2000', '--max-page-size', '200',
        '--task-duration-ms', '500', '--seed', '11')
    try {
        $sessions = @((Connect-Simulator $simulator), (Connect-Simulator $simulator))
        $systems = @(Get-DsccStorageSystem -Session $sessions[0])
        $pools = @{}
        foreach ($system in $systems | Where-Object productFamily -ne 'deviceType2') {
            $pools[$system.id] = @(Get-DsccStoragePool -Session $sessions[0] -SystemId $system.id)[0].name
        }
        $deadline = [DateTime]::UtcNow.AddSeconds($SoakSeconds)
        $module = $ModuleManifest

        $results = 0..7 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:module
            # Named here: inside switch and catch below, $_ is the switch value and the error.
            $worker = $_
            $session = ($using:sessions)[$worker % 2]
            $system = ($using:systems)[$worker % ($using:systems).Count]
            $tally = @{ Worker = $worker; Calls = 0; Failed = 0; Created = 0; Errors = @{} }
            $round = 0
            while ([DateTime]::UtcNow -lt $using:deadline) {
                $round++
                $tally.Calls++
                try {
                    switch ($round % 4) {
                        0 { $null = Get-DsccStorageSystem -Session $session -ErrorAction Stop }
                        1 { $null = @(Get-DsccVolume -Session $session -SystemId $system.id -ErrorAction Stop) }
                        2 { $null = Get-DsccVolume -Session $session -Name 'vol-0001' -ErrorAction Stop }
                        3 {
                            $pool = ($using:pools)[$system.id]
                            $poolArgument = if ($pool) { @{ Pool = $pool } } else { @{} }
                            $name = "soak-$worker-$round"
                            $null = New-DsccVolume -Session $session -SystemId $system.id -Name $name `
                                -SizeMiB 1024 @poolArgument -ErrorAction Stop
                            $tally.Created++
                        }
                    }
                }
                catch {
                    $tally.Failed++
                    $id = ($_.FullyQualifiedErrorId -split ',')[0]
                    $tally.Errors[$id] = 1 + [int]$tally.Errors[$id]
                }
            }

            [pscustomobject]$tally
        }

        $server = Invoke-RestMethod -Uri "$($simulator.Url)/_sim/stats"
        $errorKinds = @{}
        foreach ($result in $results) {
            foreach ($key in $result.Errors.Keys) { $errorKinds[$key] = $result.Errors[$key] + [int]$errorKinds[$key] }
        }

        [pscustomobject]@{
            Seconds              = $SoakSeconds
            Workers              = $results.Count
            CmdletCalls          = ($results | Measure-Object Calls -Sum).Sum
            CmdletCallsFailed    = ($results | Measure-Object Failed -Sum).Sum
            VolumesCreated       = ($results | Measure-Object Created -Sum).Sum
            HttpRequests         = ($sessions.Statistics | Measure-Object Requests -Sum).Sum
            Retries              = ($sessions.Statistics | Measure-Object Retries -Sum).Sum
            Refused401           = ($sessions.Statistics | Measure-Object Unauthorized -Sum).Sum
            # The two sessions share one API client's token, and so one count.
            TokensIssued         = $sessions[0].TokenCount
            RequestsFailedAtLast = ($sessions.Statistics | Measure-Object Failures -Sum).Sum
            ServerFaultsInjected = ($server.faultsInjected | ConvertTo-Json -Compress)
            FailuresByErrorId    = ($errorKinds | ConvertTo-Json -Compress)
        }
    }
    finally {
        Disconnect-Dscc -All
        $simulator | Stop-DsccSimulator
    }
}

Write-Host "`nListing $Volumes volumes" -ForegroundColor Cyan
Measure-Listing | Format-List | Out-Host
Write-Host "Soak: $SoakSeconds s, token lifetime 3 s, 20 % faults, 8 workers" -ForegroundColor Cyan
Invoke-Soak | Format-List | Out-Host
