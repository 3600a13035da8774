BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-TestModule
    # Read the simulator directly first: taking a token of our own would invalidate the module session's.
    $directToken = Get-DirectApiToken
    $expectedTotal = (Invoke-DirectApi '/api/v1/volumes?limit=1' $directToken).total
    $sample = (Invoke-DirectApi '/api/v1/volumes?limit=10' $directToken).items
    $systems = (Invoke-DirectApi '/api/v1/storage-systems?limit=100' $directToken).items
    $dt2System = $systems | Where-Object productFamily -eq 'deviceType2' | Select-Object -First 1
    $dt2Total = (Invoke-DirectApi "/api/v1/storage-systems/$($dt2System.id)/volumes?limit=1" $directToken).total
    $null = Connect-TestSession
}

AfterAll {
    Disconnect-Dscc -All
}

Describe 'Get-DsccVolume' {
    It 'fetches every page of the list exactly once' {
        Clear-SimulatorRequestLog

        $volumes = @(Get-DsccVolume)

        $volumes.Count | Should -Be $expectedTotal
        @($volumes.id | Sort-Object -Unique).Count | Should -Be $expectedTotal
        $pages = @(Get-SimulatorRequestLog -PathLike '/api/v1/volumes')
        $offsets = @($pages | ForEach-Object { [int](Get-QueryValue $_.query 'offset') })
        $pageSize = 100
        $expectedOffsets = @(for ($offset = 0; $offset -lt $expectedTotal; $offset += $pageSize) { $offset })
        $offsets | Should -Be $expectedOffsets
        $pages | ForEach-Object { $_.method | Should -Be 'GET'; $_.hasBearer | Should -BeTrue }
    }

    It 'streams: the first volume arrives before later pages are fetched' {
        Clear-SimulatorRequestLog

        $first = Get-DsccVolume | Select-Object -First 1

        $first.PSObject.TypeNames | Should -Contain 'DsccPowerShell.Volume'
        @(Get-SimulatorRequestLog -PathLike '/api/v1/volumes').Count | Should -Be 1
    }

    It 'lists the volumes of systems piped from Get-DsccStorageSystem' {
        $system = Get-DsccStorageSystem -Id $dt2System.id
        Clear-SimulatorRequestLog

        $volumes = @($system | Get-DsccVolume)

        $volumes.Count | Should -Be $dt2Total
        $volumes.systemId | Sort-Object -Unique | Should -Be $system.id
        (Get-SimulatorRequestLog | Select-Object -First 1).path |
            Should -Be "/api/v1/storage-systems/$($system.id)/volumes"
    }

    It 'reads a piped volume again instead of listing its whole system' {
        $target = $sample[2]
        $volume = Get-DsccVolume -Id $target.id
        Clear-SimulatorRequestLog

        $again = @($volume | Get-DsccVolume)

        $again.id | Should -Be @($target.id)
        (Get-SimulatorRequestLog).path | Should -Be "/api/v1/volumes/$($target.id)"
    }

    It 'reports a name as missing only when no piped system has it' {
        $target = $sample[1]

        $found = @(Get-DsccStorageSystem | Get-DsccVolume -Name $target.name -ErrorVariable failures)

        $found.id | Should -Be @($target.id)
        $failures.Count | Should -Be 0
        $null = @(Get-DsccStorageSystem | Get-DsccVolume -Name 'no-such-volume' -ErrorVariable missing `
                -ErrorAction SilentlyContinue)
        $missing.Count | Should -Be 1
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'GetDsccVolumeNameNotFound,*'
    }

    It 'reports only the failed list, never its names as missing, when DSCC fails to list' {
        Add-SimulatorFault -Path '/api/v1/volumes' -Method GET -Status 500

        $found = @(Get-DsccVolume -Name $sample[0].name, $sample[1].name -ErrorVariable failures `
                -ErrorAction SilentlyContinue)

        $found.Count | Should -Be 0
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'GetDsccVolumeServiceError,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ConnectionError'
    }

    It 'says how to match any case when DSCC finds no single plain name' {
        $upper = $sample[2].name.ToUpperInvariant()

        $null = @(Get-DsccVolume -Name $upper -ErrorVariable missing -ErrorAction SilentlyContinue)

        $missing.Count | Should -Be 1
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'GetDsccVolumeNameNotFound,*'
        $missing[0].Exception.Message | Should -BeLike "*case for case*'$upper`*'*"
        @(Get-DsccVolume -Name "$upper*").id | Should -Contain $sample[2].id
    }

    It 'refuses a name that is not a valid wildcard before sending anything' {
        Clear-SimulatorRequestLog

        $thrown = { Get-DsccVolume -Name 'vol-[abc' } | Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -BeLike 'GetDsccVolumeInvalidWildcard,*'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $thrown.TargetObject | Should -Be 'vol-[abc'
        @(Get-SimulatorRequestLog).Count | Should -Be 0
    }

    It 'refuses an id that would step up the request path' {
        Clear-SimulatorRequestLog

        $found = @(Get-DsccVolume -SystemId '..' -ErrorVariable failures -ErrorAction SilentlyContinue)

        $found.Count | Should -Be 0
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'GetDsccVolumeInvalidArgument,*'
        @(Get-SimulatorRequestLog).Count | Should -Be 0
    }

    It 'asks DSCC to filter a single plain name' {
        $target = $sample[5]
        Clear-SimulatorRequestLog

        $found = @(Get-DsccVolume -Name $target.name)

        $found.id | Should -Be @($target.id)
        $request = @(Get-SimulatorRequestLog -PathLike '/api/v1/volumes')
        $request.Count | Should -Be 1
        Get-QueryValue $request[0].query 'filter' | Should -Be "name eq '$($target.name)'"
    }

    It 'gets volumes by id and reports unknown ids as ObjectNotFound' {
        $target = $sample[3]

        $found = @(Get-DsccVolume -Id 'ffffffffffffffffffffffffffffffff', $target.id `
                -ErrorVariable failures -ErrorAction SilentlyContinue)

        $found.id | Should -Be @($target.id)
        $found[0].sizeMiB | Should -Be $target.sizeMiB
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId |
            Should -Be 'GetDsccVolumeNotFound,DsccPowerShell.Cmdlets.Volumes.GetDsccVolumeCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'shows name, system, size and state in its default table' {
        $table = Get-DsccVolume | Select-Object -First 2 | Format-Table | Out-String

        $header = ($table -split "`n" | Where-Object { $_ -match '\S' } | Select-Object -First 1)
        $header | Should -Match '^Name\s+SystemId\s+SizeMiB\s+UsedMiB\s+State\s+Id'
    }

    It 'keeps working when another client of the same API client takes a new token' {
        $null = Get-DirectApiToken
        Clear-SimulatorRequestLog

        $volume = Get-DsccVolume | Select-Object -First 1

        $volume | Should -Not -BeNullOrEmpty
        $log = @(Get-SimulatorRequestLog)
        @($log | Where-Object path -eq '/as/token.oauth2').Count | Should -Be 1
        @($log | Where-Object path -eq '/api/v1/volumes').Count | Should -Be 2
    }
}
