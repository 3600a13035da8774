BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-TestModule
    $simulator = Get-TestSimulator
    $directToken = Get-DirectApiToken
    $volumeTotal = (Invoke-DirectApi '/api/v1/volumes?limit=1' $directToken).total
    $systems = (Invoke-DirectApi '/api/v1/storage-systems?limit=100' $directToken).items
    $dt1 = $systems | Where-Object productFamily -eq 'deviceType1' | Select-Object -First 1
    $dt1Pool = (Invoke-DirectApi "/api/v1/storage-systems/$($dt1.id)/storage-pools" $directToken).items[0].name
    $session = Connect-TestSession

    function Get-VolumeCountNamed([string] $Name) {
        @(Get-DsccVolume -SystemId $dt1.id -Name $Name -ErrorAction SilentlyContinue).Count
    }
}

AfterAll {
    Clear-SimulatorFault
    Disconnect-Dscc -All
}

Describe 'Retries' {
    BeforeEach {
        Clear-SimulatorFault
        Clear-SimulatorRequestLog
    }

    It 'waits as Retry-After says on 429 and then gets the page' {
        Add-SimulatorFault -Path '/api/v1/volumes' -Method GET -Count 2 -Status 429 -RetryAfter 1

        $volumes = @(Get-DsccVolume -Verbose 4>&1 | Tee-Object -Variable everything | Where-Object {
                $_ -isnot [System.Management.Automation.VerboseRecord] })

        $volumes.Count | Should -Be $volumeTotal
        $waits = @($everything | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } |
                Where-Object Message -Match 'answered 429.*waiting 1\.0 s before attempt')
        $waits.Count | Should -Be 2
        $firstPage = @(Get-SimulatorRequestLog -PathLike '/api/v1/volumes' |
                Where-Object { (Get-QueryValue $_.query 'offset') -eq '0' })
        $firstPage.Count | Should -Be 3
    }

    It 'honours a ratelimit-reset header when there is no Retry-After' {
        Add-SimulatorFault -Path '/api/v1/storage-systems' -Method GET -Count 1 -Status 429 -RateLimitReset 2

        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        $found = @(Get-DsccStorageSystem)
        $stopwatch.Stop()

        $found.Count | Should -Be $systems.Count
        $stopwatch.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 1.9
        @(Get-SimulatorRequestLog -PathLike '/api/v1/storage-systems').Count | Should -Be 2
    }

    It 'retries 503, 504 and a dropped connection on a read' -ForEach @(
        @{ Kind = 'status'; Status = 503 }, @{ Kind = 'status'; Status = 504 }, @{ Kind = 'drop'; Status = 0 }
    ) {
        Add-SimulatorFault -Path "/api/v1/storage-systems/$($dt1.id)" -Method GET -Kind $Kind -Status $Status

        $system = Get-DsccStorageSystem -Id $dt1.id

        $system.name | Should -Be $dt1.name
        @(Get-SimulatorRequestLog -PathLike "/api/v1/storage-systems/$($dt1.id)").Count | Should -Be 2
    }

    It 'repeats a create refused with 503, which DSCC did not process, and creates it once' {
        $name = 'retry-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        Add-SimulatorFault -Path "/api/v1/storage-systems/device-type1/$($dt1.id)/volumes" -Method POST -Status 503

        $volume = New-DsccVolume -SystemId $dt1.id -Name $name -SizeMiB 1024 -Pool $dt1Pool

        $volume.name | Should -Be $name
        @(Get-SimulatorRequestLog -PathLike '/api/v1/storage-systems/device-type1/*/volumes').Count | Should -Be 2
        Get-VolumeCountNamed $name | Should -Be 1
    }

    It 'never repeats a create whose connection dropped after DSCC took it' -ForEach @(
        @{ Kind = 'drop-after'; Status = 0 }, @{ Kind = 'status'; Status = 504 }
    ) {
        $name = 'once-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        Add-SimulatorFault -Path "/api/v1/storage-systems/device-type1/$($dt1.id)/volumes" -Method POST `
            -Kind $Kind -Status $Status

        $output = New-DsccVolume -SystemId $dt1.id -Name $name -SizeMiB 1024 -Pool $dt1Pool `
            -ErrorVariable failures -ErrorAction SilentlyContinue

        $output | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NewDsccVolume*'
        $failures[0].Exception.Message | Should -Match 'may have processed the request anyway'
        @(Get-SimulatorRequestLog -PathLike '/api/v1/storage-systems/device-type1/*/volumes').Count | Should -Be 1
        Start-Sleep -Milliseconds 1500
        Get-VolumeCountNamed $name | Should -Be ([int]($Kind -eq 'drop-after'))
    }

    It 'gives up after the session''s attempts and reports the last status' {
        Add-SimulatorFault -Path "/api/v1/storage-systems/$($dt1.id)" -Method GET -Count 10 -Status 503 -RetryAfter 0
        $limited = Connect-TestSession -MaxAttempts 3

        $thrown = { Get-DsccStorageSystem -Id $dt1.id -Session $limited -ErrorAction Stop } | Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -BeLike 'GetDsccStorageSystemServiceError,*'
        $thrown.CategoryInfo.Category | Should -Be 'ConnectionError'
        @(Get-SimulatorRequestLog -PathLike "/api/v1/storage-systems/$($dt1.id)").Count | Should -Be 3
    }
}

Describe 'Timeouts and Ctrl+C' {
    BeforeEach {
        Clear-SimulatorFault
    }

    It 'stops a stalled response after -TimeoutSec with an OperationTimeout error naming the URI' {
        Add-SimulatorFault -Path '/api/v1/volumes' -Method GET -Kind stall -Count 5 -DelayMs 60000

        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        $thrown = { Get-DsccVolume -TimeoutSec 2 -ErrorAction Stop } | Should -Throw -PassThru
        $stopwatch.Stop()

        $thrown.FullyQualifiedErrorId | Should -BeLike 'GetDsccVolumeTimeout,*'
        $thrown.CategoryInfo.Category | Should -Be 'OperationTimeout'
        "$($thrown.TargetObject)" | Should -BeLike '*/api/v1/volumes*'
        $stopwatch.Elapsed.TotalSeconds | Should -BeLessThan 6
    }

    It 'stops within a second while a request is in flight' {
        Add-SimulatorFault -Path '/api/v1/volumes' -Method GET -Kind delay -DelayMs 20000

        $result = Measure-StopTime -AfterMs 700 -ArgumentList $session -Script {
            param($session)
            Get-DsccVolume -Session $session
        }

        $result.StateBeforeStop | Should -Be 'Running'
        $result.StopTime.TotalSeconds | Should -BeLessThan 1
        $result.FinalState | Should -Be 'Stopped'
    }

    It 'stops within a second while waiting for a task' {
        $result = Measure-StopTime -AfterMs 700 -ArgumentList $session, $dt1.id, $dt1Pool -Script {
            param($session, $systemId, $pool)
            New-DsccVolume -Session $session -SystemId $systemId -Name ('stop-' + [guid]::NewGuid().ToString('N')) `
                -SizeMiB 1024 -Pool $pool
        }

        $result.StateBeforeStop | Should -Be 'Running'
        $result.StopTime.TotalSeconds | Should -BeLessThan 1
        $result.FinalState | Should -Be 'Stopped'
    }

    It 'stops within a second while waiting to retry' {
        Add-SimulatorFault -Path '/api/v1/volumes' -Method GET -Status 429 -RetryAfter 30

        $result = Measure-StopTime -AfterMs 700 -ArgumentList $session -Script {
            param($session)
            Get-DsccVolume -Session $session
        }

        $result.StateBeforeStop | Should -Be 'Running'
        $result.StopTime.TotalSeconds | Should -BeLessThan 1
    }
}

Describe 'Tokens' {
    BeforeEach {
        Clear-SimulatorFault
    }

    It 'renews once when another client of the same API client takes a token in the middle of a listing' {
        # Earlier tests created volumes: an undisturbed listing gives today's count.
        $undisturbed = @(Get-DsccVolume).Count
        Clear-SimulatorRequestLog
        $index = 0

        $volumes = @(Get-DsccVolume | ForEach-Object {
                if ($index++ -eq 150) { $null = Get-DirectApiToken }
                $_
            })

        $volumes.Count | Should -Be $undisturbed
        @($volumes.id | Sort-Object -Unique).Count | Should -Be $undisturbed
        @(Get-SimulatorRequestLog -PathLike '/as/token.oauth2').Count | Should -Be 2
    }

    It 'lets 8 runspaces share one session with a single renewal' {
        $undisturbed = @(Get-DsccVolume -Session $session).Count
        $null = Invoke-SimulatorControl -Path "/_sim/clients/$($simulator.ClientId)/expire-tokens"
        Clear-SimulatorRequestLog
        $module = $env:DSCC_TEST_MODULE

        $counts = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:module
            @(Get-DsccVolume -Session $using:session).Count
        }

        $counts.Count | Should -Be 8
        $counts | ForEach-Object { $_ | Should -Be $undisturbed }
        @(Get-SimulatorRequestLog -PathLike '/as/token.oauth2').Count | Should -Be 1
    }

    It 'lets two sessions of one API client in one process share a token instead of invalidating each other' {
        $first = Connect-TestSession
        $second = Connect-TestSession
        Clear-SimulatorRequestLog

        foreach ($round in 1..5) {
            @(Get-DsccStorageSystem -Session $first).Count | Should -BeGreaterThan 0
            @(Get-DsccStorageSystem -Session $second).Count | Should -BeGreaterThan 0
        }

        $log = @(Get-SimulatorRequestLog)
        @($log | Where-Object path -eq '/as/token.oauth2').Count | Should -Be 0
        # A refused token would show as a repeated request: ten calls, ten requests.
        @($log | Where-Object path -like '/api/v1/storage-systems*').Count | Should -Be 10
        $first.TokenExpiresOn | Should -Be $second.TokenExpiresOn
        $first, $second | Disconnect-Dscc
    }

    It 'warns but connects when the client may not read storage systems' {
        $clientId = 'no-access-' + [guid]::NewGuid().ToString('N').Substring(0, 6)
        $null = Invoke-SimulatorControl -Path '/_sim/clients' -Body @{
            clientId = $clientId; clientSecret = 'no-access-secret'; access = 'none' }
        $secret = ConvertTo-SecureString 'no-access-secret' -AsPlainText -Force

        $limited = Connect-Dscc -ClientId $clientId -ClientSecret $secret -BaseUri $simulator.Url `
            -TokenUri $simulator.TokenUri -WarningVariable warnings -WarningAction SilentlyContinue

        $limited.ClientId | Should -Be $clientId
        "$warnings" | Should -Match '403'
        "$warnings" | Should -Not -Match 'network|DNS|port'
        $thrown = { Get-DsccVolume -Session $limited -ErrorAction Stop } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'GetDsccVolumePermissionDenied,*'
        $thrown.CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'reports a deleted API client as an authentication error naming the host' {
        $clientId = 'doomed-' + [guid]::NewGuid().ToString('N').Substring(0, 6)
        $null = Invoke-SimulatorControl -Path '/_sim/clients' -Body @{
            clientId = $clientId; clientSecret = 'doomed-secret'; access = 'full' }
        $secret = ConvertTo-SecureString 'doomed-secret' -AsPlainText -Force
        $doomed = Connect-Dscc -ClientId $clientId -ClientSecret $secret -BaseUri $simulator.Url `
            -TokenUri $simulator.TokenUri
        $null = Invoke-SimulatorControl -Method Delete -Path "/_sim/clients/$clientId"

        $thrown = { Get-DsccStorageSystem -Session $doomed -ErrorAction Stop } | Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -BeLike 'GetDsccStorageSystemAuthenticationFailed,*'
        $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $thrown.Exception.Message | Should -Match '127\.0\.0\.1'
    }
}

Describe 'A session with short-lived tokens' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../tools/DsccSimulator.psm1') -Force
        $shortLived = Start-DsccSimulator -NoBuild -ArgumentList @(
            '--token-lifetime', '2', '--volumes', '600', '--max-page-size', '50', '--latency-ms', '150')
        $secret = ConvertTo-SecureString $shortLived.ClientSecret -AsPlainText -Force
        $shortSession = Connect-Dscc -ClientId $shortLived.ClientId -ClientSecret $secret -BaseUri $shortLived.Url `
            -TokenUri $shortLived.TokenUri
    }

    AfterAll {
        Disconnect-Dscc -Session $shortSession
        $shortLived | Stop-DsccSimulator
    }

    It 'renews before expiry through a listing that outlasts several tokens' {
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        $volumes = @(Get-DsccVolume -Session $shortSession)
        $stopwatch.Stop()

        $volumes.Count | Should -Be 600
        $stopwatch.Elapsed.TotalSeconds | Should -BeGreaterThan 2
        $shortSession.TokenCount | Should -BeGreaterThan 1
        $shortSession.Statistics.Unauthorized | Should -Be 0
    }
}
