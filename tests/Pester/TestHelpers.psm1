# Shared set-up for the Pester tests: the staged module, the simulator that build.ps1 started, and its request log.
Set-StrictMode -Version 3

function Get-TestSimulator {
    if (-not $env:DSCC_TEST_SIMULATOR_URL) {
        throw 'DSCC_TEST_SIMULATOR_URL is not set: run the tests through ./build.ps1 -Task Test.'
    }

    [pscustomobject]@{
        Url          = $env:DSCC_TEST_SIMULATOR_URL
        TokenUri     = $env:DSCC_TEST_SIMULATOR_URL + '/as/token.oauth2'
        ClientId     = $env:DSCC_TEST_CLIENT_ID
        ClientSecret = $env:DSCC_TEST_CLIENT_SECRET
    }
}

function Import-TestModule {
    Import-Module $env:DSCC_TEST_MODULE -Force -Global
}

function Connect-TestSession {
    # Extra Connect-Dscc parameters (-Verbose, -TimeoutSec, ...) pass straight through.
    $simulator = Get-TestSimulator
    $secret = ConvertTo-SecureString $simulator.ClientSecret -AsPlainText -Force
    Connect-Dscc -ClientId $simulator.ClientId -ClientSecret $secret -BaseUri $simulator.Url `
        -TokenUri $simulator.TokenUri @args
}

function Clear-SimulatorRequestLog {
    $null = Invoke-RestMethod -Method Delete -Uri ((Get-TestSimulator).Url + '/_sim/requests')
}

function Get-SimulatorRequestLog {
    param([string] $PathLike = '*')

    $entries = Invoke-RestMethod -Uri ((Get-TestSimulator).Url + '/_sim/requests')
    foreach ($entry in $entries) {
        if ($entry.path -like $PathLike) { $entry }
    }
}

function Get-QueryValue {
    param([string] $Query, [string] $Name)

    foreach ($pair in $Query.TrimStart('?').Split('&')) {
        $parts = $pair.Split('=', 2)
        if ([Uri]::UnescapeDataString($parts[0]) -eq $Name) {
            return [Uri]::UnescapeDataString($parts[1].Replace('+', ' '))
        }
    }
}

function Get-DirectApiToken {
    # The tests' own token, fetched without the module, to read the simulator independently of what it returns.
    # Issuing it invalidates the module session's token, which that session must then renew by itself.
    $simulator = Get-TestSimulator
    $body = @{ grant_type = 'client_credentials'; client_id = $simulator.ClientId
        client_secret = $simulator.ClientSecret }
    (Invoke-RestMethod -Method Post -Uri $simulator.TokenUri -Body $body).access_token
}

function Invoke-DirectApi {
    param([string] $PathAndQuery, [string] $Token)

    Invoke-RestMethod -Uri ((Get-TestSimulator).Url + $PathAndQuery) -Headers @{ Authorization = "Bearer $Token" }
}

function Get-SessionAccessToken {
    param($Session)

    # Reflection on purpose: the session offers no way to read its token, which is what the secret scan relies on.
    $flags = [System.Reflection.BindingFlags]'NonPublic, Instance'
    $tokens = $Session.GetType().GetField('_tokens', $flags).GetValue($Session)
    $cache = $tokens.GetType().GetField('_cache', $flags).GetValue($tokens)
    $current = $cache.GetType().GetField('_current', $flags).GetValue($cache)
    $current.GetType().GetProperty('Value').GetValue($current)
}

function Add-SimulatorFault {
    <# Scripts the simulator's next -Count matching calls to fail; see src/DsccSimulator/README.md. #>
    param(
        [Parameter(Mandatory)] [string] $Path,
        [string] $Method,
        [int] $Count = 1,
        [int] $Status,
        [ValidateSet('status', 'drop', 'drop-after', 'stall', 'delay')] [string] $Kind = 'status',
        [string] $RetryAfter,
        [string] $RateLimitReset,
        [int] $DelayMs
    )

    $fault = @{ path = $Path; count = $Count; kind = $Kind }
    if ($Method) { $fault.method = $Method }
    if ($Status) { $fault.status = $Status }
    if ($RetryAfter) { $fault.retryAfter = $RetryAfter }
    if ($RateLimitReset) { $fault.rateLimitReset = $RateLimitReset }
    if ($DelayMs) { $fault.delayMs = $DelayMs }
    $null = Invoke-RestMethod -Method Post -Uri ((Get-TestSimulator).Url + '/_sim/faults') `
        -ContentType 'application/json' -Body ($fault | ConvertTo-Json)
}

function Clear-SimulatorFault {
    $null = Invoke-RestMethod -Method Delete -Uri ((Get-TestSimulator).Url + '/_sim/faults')
}

function Invoke-SimulatorControl {
    param([string] $Method = 'Post', [string] $Path, [hashtable] $Body)

    $arguments = @{ Method = $Method; Uri = (Get-TestSimulator).Url + $Path }
    if ($Body) { $arguments.ContentType = 'application/json'; $arguments.Body = $Body | ConvertTo-Json }
    Invoke-RestMethod @arguments
}

function Measure-StopTime {
    <#
    Runs a script in its own runspace, lets it get going for -AfterMs, then stops it the way Ctrl+C does and
    returns how long Stop() took and what the script had written.
    #>
    param([Parameter(Mandatory)] [scriptblock] $Script, [int] $AfterMs = 500, [object[]] $ArgumentList)

    # The module is imported by the runspace's initial state, not by a second statement: stopping a batch of
    # statements races PowerShell's batch worker, which may touch the runspace after it was closed.
    $initialState = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
    $initialState.ImportPSModule([string[]] @($env:DSCC_TEST_MODULE))
    $runspace = [runspacefactory]::CreateRunspace($initialState)
    $runspace.Open()
    $shell = [powershell]::Create()
    $shell.Runspace = $runspace
    try {
        $null = $shell.AddScript($Script.ToString())
        foreach ($argument in $ArgumentList) { $null = $shell.AddArgument($argument) }
        $running = $shell.BeginInvoke()
        Start-Sleep -Milliseconds $AfterMs
        $stateBeforeStop = $shell.InvocationStateInfo.State
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        $shell.Stop()
        $stopwatch.Stop()
        [pscustomobject]@{
            StateBeforeStop = $stateBeforeStop
            StopTime        = $stopwatch.Elapsed
            FinalState      = $shell.InvocationStateInfo.State
            Completed       = $running.IsCompleted
        }
    }
    finally {
        $shell.Dispose()
        $runspace.Dispose()
    }
}

Export-ModuleMember -Function *
