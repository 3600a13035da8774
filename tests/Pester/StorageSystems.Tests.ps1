BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-TestModule
    # Read the simulator directly first: taking a token of our own would invalidate the module session's.
    $directToken = Get-DirectApiToken
    $expected = Invoke-DirectApi '/api/v1/storage-systems?limit=1000' $directToken
    $null = Connect-TestSession
}

AfterAll {
    Disconnect-Dscc -All
}

Describe 'Get-DsccStorageSystem' {
    It 'lists every system of every device type from the generic view' {
        Clear-SimulatorRequestLog

        $systems = @(Get-DsccStorageSystem)

        $systems.Count | Should -Be $expected.total
        $systems.id | Should -Be $expected.items.id
        $systems[0].PSObject.TypeNames[0] | Should -Be 'DsccPowerShell.StorageSystem'
        $systems.productFamily | Sort-Object -Unique | Should -Be @('deviceType1', 'deviceType2', 'deviceType4')
        $requests = @(Get-SimulatorRequestLog -PathLike '/api/v1/storage-systems')
        $requests.Count | Should -Be 1
        $requests[0].hasBearer | Should -BeTrue
        Get-QueryValue $requests[0].query 'offset' | Should -Be '0'
    }

    It 'matches names with wildcards, in any case' {
        $first = $expected.items[0]
        $pattern = $first.name.Substring(0, 4).ToUpperInvariant() + '*'

        $found = @(Get-DsccStorageSystem -Name $pattern)

        $found.id | Should -Contain $first.id
        $found | ForEach-Object { $_.name | Should -BeLike $pattern }
    }

    It 'gets one system by id' {
        $first = $expected.items[0]
        Clear-SimulatorRequestLog

        $system = Get-DsccStorageSystem -Id $first.id

        $system.name | Should -Be $first.name
        (Get-SimulatorRequestLog).path | Should -Be "/api/v1/storage-systems/$($first.id)"
    }

    It 'reports an unknown id as ObjectNotFound and goes on with the next id' {
        $first = $expected.items[0]

        $found = @(Get-DsccStorageSystem -Id 'NOSUCHSYSTEM', $first.id `
                -ErrorVariable failures -ErrorAction SilentlyContinue)

        $found.id | Should -Be @($first.id)
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId |
            Should -BeLike 'GetDsccStorageSystemNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -BeLike 'GET */api/v1/storage-systems/NOSUCHSYSTEM'
    }

    It 'reports a plain name that matches nothing' {
        $found = @(Get-DsccStorageSystem -Name 'no-such-array' -ErrorVariable failures -ErrorAction SilentlyContinue)

        $found.Count | Should -Be 0
        $failures[0].FullyQualifiedErrorId |
            Should -BeLike 'GetDsccStorageSystemNameNotFound,*'
        $failures[0].TargetObject | Should -Be 'no-such-array'
    }
}

Describe 'Get-DsccStoragePool' {
    It 'lists the pools of a piped system' {
        $system = Get-DsccStorageSystem -Id $expected.items[0].id
        Clear-SimulatorRequestLog

        $pools = @($system | Get-DsccStoragePool)

        $pools.Count | Should -BeGreaterThan 0
        $pools.systemId | Sort-Object -Unique | Should -Be $system.id
        (Get-SimulatorRequestLog).path | Should -Be "/api/v1/storage-systems/$($system.id)/storage-pools"
    }

    It 'reports only the failed list, never the name as missing, when DSCC fails to list pools' {
        $system = Get-DsccStorageSystem -Id $expected.items[0].id
        $pool = @($system | Get-DsccStoragePool)[0]
        Add-SimulatorFault -Path "/api/v1/storage-systems/$($system.id)/storage-pools" -Method GET -Status 500

        $found = @($system | Get-DsccStoragePool -Name $pool.name -ErrorVariable failures -ErrorAction SilentlyContinue)

        $found.Count | Should -Be 0
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'GetDsccStoragePoolServiceError,*'
    }
}
