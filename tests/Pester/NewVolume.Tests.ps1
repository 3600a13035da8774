BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-TestModule
    $null = Connect-TestSession

    $systems = @(Get-DsccStorageSystem)
    $dt1 = $systems | Where-Object productFamily -eq 'deviceType1' | Select-Object -First 1
    $dt2 = $systems | Where-Object productFamily -eq 'deviceType2' | Select-Object -First 1
    $dt4 = $systems | Where-Object productFamily -eq 'deviceType4' | Select-Object -First 1
    $dt1Pool = $dt1 | Get-DsccStoragePool | Select-Object -First 1
    $dt2Pool = $dt2 | Get-DsccStoragePool | Where-Object name -ne 'default' | Select-Object -First 1
    $dt4Pool = $dt4 | Get-DsccStoragePool | Select-Object -First 1
    # A name the system already has: DSCC takes the create, and its task fails as the array refuses it.
    $dt1TakenName = (Get-DsccVolume -SystemId $dt1.id | Select-Object -First 1).name

    function New-TestVolumeName { 'pester-' + [guid]::NewGuid().ToString('N').Substring(0, 10) }

    function Get-CreateRequest {
        param([string] $DeviceType)
        @(Get-SimulatorRequestLog -PathLike "/api/v1/storage-systems/$DeviceType/*/volumes" |
                Where-Object method -eq 'POST')
    }
}

AfterAll {
    Disconnect-Dscc -All
}

Describe 'New-DsccVolume' {
    It 'creates on device-type1 with the camelCase createVolumeInput body and returns the new volume' {
        $name = New-TestVolumeName
        Clear-SimulatorRequestLog

        $volume = New-DsccVolume -SystemId $dt1.id -Name $name -SizeMiB 16384 -Pool $dt1Pool.name

        $posts = Get-CreateRequest 'device-type1'
        $posts.Count | Should -Be 1
        $posts[0].path | Should -Be "/api/v1/storage-systems/device-type1/$($dt1.id)/volumes"
        $posts[0].contentType | Should -BeLike 'application/json*'
        $body = $posts[0].body | ConvertFrom-Json -AsHashtable
        $body.Keys | Sort-Object | Should -Be @('name', 'sizeMib', 'userCpg')
        $body.name | Should -Be $name
        $body.sizeMib | Should -Be 16384
        $body.userCpg | Should -Be $dt1Pool.name

        $volume.PSObject.TypeNames[0] | Should -Be 'DsccPowerShell.Volume'
        $volume.name | Should -Be $name
        $volume.systemId | Should -Be $dt1.id
        $volume.sizeMiB | Should -Be 16384
        @(Get-SimulatorRequestLog -PathLike '/api/v1/tasks/*').Count | Should -BeGreaterThan 0
        (Get-DsccVolume -Id $volume.id).name | Should -Be $name
    }

    It 'creates on device-type2 with the snake_case NimbleCreateVolumeInput body and the pool id' {
        $name = New-TestVolumeName
        Clear-SimulatorRequestLog

        $volume = $dt2 | New-DsccVolume -Name $name -SizeMiB 2048 -Pool $dt2Pool.name

        $posts = Get-CreateRequest 'device-type2'
        $posts.Count | Should -Be 1
        $body = $posts[0].body | ConvertFrom-Json -AsHashtable
        $body.Keys | Sort-Object | Should -Be @('name', 'pool_id', 'size')
        $body.size | Should -Be 2048
        $body.pool_id | Should -Be $dt2Pool.id
        $volume.name | Should -Be $name
        $volume.systemId | Should -Be $dt2.id
    }

    It 'creates on device-type4 with the ArcuscreateVolumeInput body' {
        $name = New-TestVolumeName
        Clear-SimulatorRequestLog

        $volume = New-DsccVolume -SystemId $dt4.id -Name $name -SizeMiB 4096 -Pool $dt4Pool.name

        $posts = Get-CreateRequest 'device-type4'
        $posts.Count | Should -Be 1
        ($posts[0].body | ConvertFrom-Json -AsHashtable).Keys | Sort-Object | Should -Be @('name', 'sizeMib', 'userCpg')
        $volume.systemId | Should -Be $dt4.id
    }

    It 'sends nothing at all under -WhatIf or $WhatIfPreference' {
        Clear-SimulatorRequestLog

        $output = New-DsccVolume -SystemId $dt1.id -Name (New-TestVolumeName) -SizeMiB 1024 -Pool $dt1Pool.name -WhatIf
        $WhatIfPreference = $true
        try {
            $output += New-DsccVolume -SystemId $dt1.id -Name (New-TestVolumeName) -SizeMiB 1024 -Pool $dt1Pool.name
        }
        finally {
            $WhatIfPreference = $false
        }

        $output | Should -BeNullOrEmpty
        @(Get-SimulatorRequestLog).Count | Should -Be 0
    }

    It 'reports a failed task as an error carrying the task''s message, and outputs nothing' {
        Clear-SimulatorRequestLog

        $output = New-DsccVolume -SystemId $dt1.id -Name $dt1TakenName -SizeMiB 1024 -Pool $dt1Pool.name `
            -ErrorVariable failures -ErrorAction SilentlyContinue

        $output | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId |
            Should -Be 'NewDsccVolumeTaskFailed,DsccPowerShell.Cmdlets.Volumes.NewDsccVolumeCommand'
        $failures[0].Exception.State | Should -Be 'FAILED'
        $failures[0].Exception.Message | Should -Match ([regex]::Escape($dt1TakenName))
        @(Get-CreateRequest 'device-type1').Count | Should -Be 1
    }

    It 'makes a failed task terminating under -ErrorAction Stop' {
        { New-DsccVolume -SystemId $dt1.id -Name $dt1TakenName -SizeMiB 1024 -Pool $dt1Pool.name `
                -ErrorAction Stop } | Should -Throw -ErrorId 'NewDsccVolumeTaskFailed,*'
    }

    It 'says a create DSCC accepted may still be made when following its task fails' {
        $name = New-TestVolumeName
        Clear-SimulatorRequestLog
        Add-SimulatorFault -Path '/api/v1/tasks/*' -Method GET -Status 500

        $output = New-DsccVolume -SystemId $dt1.id -Name $name -SizeMiB 1024 -Pool $dt1Pool.name `
            -ErrorVariable failures -ErrorAction SilentlyContinue

        $output | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NewDsccVolumeServiceError,*'
        "$($failures[0].ErrorDetails)" | Should -Match 'accepted the create as task \S+, so the volume may still'
        @(Get-CreateRequest 'device-type1').Count | Should -Be 1
        $deadline = (Get-Date).AddSeconds(15)
        do {
            Start-Sleep -Milliseconds 300
            $made = @(Get-DsccVolume -SystemId $dt1.id -Name $name -ErrorAction SilentlyContinue)
        } while (-not $made -and (Get-Date) -lt $deadline)
        $made.Count | Should -Be 1
    }

    It 'refuses a CPG the system lacks before sending any create, naming the CPGs it has' {
        Clear-SimulatorRequestLog

        New-DsccVolume -SystemId $dt1.id -Name (New-TestVolumeName) -SizeMiB 1024 -Pool 'NO_SUCH_CPG' `
            -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NewDsccVolumeInvalidArgument,*'
        $failures[0].Exception.Message | Should -Match "no CPG named or with id 'NO_SUCH_CPG'"
        $failures[0].Exception.Message | Should -Match ([regex]::Escape($dt1Pool.name))
        @(Get-CreateRequest 'device-type1').Count | Should -Be 0
    }

    It 'takes the CPG in any case and sends the array''s own spelling' {
        $name = New-TestVolumeName
        Clear-SimulatorRequestLog

        $volume = New-DsccVolume -SystemId $dt1.id -Name $name -SizeMiB 1024 -Pool $dt1Pool.name.ToLowerInvariant()

        $volume.name | Should -Be $name
        ((Get-CreateRequest 'device-type1')[0].body | ConvertFrom-Json).userCpg | Should -BeExactly $dt1Pool.name
    }

    It 'asks for the CPG on device-type1 before sending any create' {
        Clear-SimulatorRequestLog

        New-DsccVolume -SystemId $dt1.id -Name (New-TestVolumeName) -SizeMiB 1024 `
            -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NewDsccVolumeInvalidArgument,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-CreateRequest 'device-type1').Count | Should -Be 0
    }

    It 'returns the task at once with -NoWait' {
        $name = New-TestVolumeName

        $task = New-DsccVolume -SystemId $dt1.id -Name $name -SizeMiB 1024 -Pool $dt1Pool.name -NoWait

        $task.PSObject.TypeNames[0] | Should -Be 'DsccPowerShell.Task'
        $task.state | Should -BeIn @('INITIALIZED', 'RUNNING', 'SUCCEEDED')
        $task.id | Should -Match '^[0-9a-f-]{36}$'
    }

    It 'reports an unknown system as ObjectNotFound without posting' {
        Clear-SimulatorRequestLog

        New-DsccVolume -SystemId 'NOSUCHSYSTEM' -Name (New-TestVolumeName) -SizeMiB 1024 -Pool 'x' `
            -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NewDsccVolumeNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        @(Get-SimulatorRequestLog | Where-Object method -eq 'POST').Count | Should -Be 0
    }
}
