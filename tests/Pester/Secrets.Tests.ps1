BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-TestModule
    $simulator = Get-TestSimulator
}

AfterAll {
    Disconnect-Dscc -All
}

Describe 'Secrets and tokens' {
    It 'appear in no stream, transcript, error or -WhatIf text' {
        $transcript = Join-Path $TestDrive 'transcript.txt'
        $Error.Clear()
        $DebugPreference = 'Continue'
        Start-Transcript -Path $transcript
        try {
            $streams = & {
                $session = Connect-TestSession -Verbose
                Get-DsccStorageSystem -Verbose -Debug | Out-String
                Get-DsccVolume -Verbose -Debug | Select-Object -First 3 | Out-String
                $system = Get-DsccStorageSystem | Where-Object productFamily -eq 'deviceType1' | Select-Object -First 1
                # A name the system already has: the create is posted, and its task fails.
                $taken = (Get-DsccVolume -SystemId $system.id | Select-Object -First 1).name
                $pool = @($system | Get-DsccStoragePool)[0].name
                New-DsccVolume -SystemId $system.id -Name $taken -SizeMiB 1024 -Pool $pool `
                    -Verbose -Debug -ErrorAction Continue
                New-DsccVolume -SystemId $system.id -Name 'secret-scan' -SizeMiB 1024 -Pool 'x' -WhatIf
                Get-DsccVolume -Id 'ffffffffffffffffffffffffffffffff' -Verbose -Debug -ErrorAction Continue
                $wrong = ConvertTo-SecureString ($simulator.ClientSecret + '-wrong') -AsPlainText -Force
                try {
                    Connect-Dscc -ClientId $simulator.ClientId -ClientSecret $wrong -BaseUri $simulator.Url `
                        -TokenUri $simulator.TokenUri -Verbose -Debug
                }
                catch {
                    $_ | Out-String
                }

                $session | Format-List * | Out-String
                $script:token = Get-SessionAccessToken $session
            } *>&1 | Out-String
        }
        finally {
            Stop-Transcript
            $DebugPreference = 'SilentlyContinue'
        }

        $token | Should -Not -BeNullOrEmpty
        $everything = $streams + (Get-Content $transcript -Raw) + ($Error | ForEach-Object {
                ($_ | Out-String) + $_.Exception.ToString() + "$($_.ErrorDetails)" + "$($_.TargetObject)"
            }) -join "`n"
        $everything | Should -Match 'GET .*/api/v1/volumes'
        $everything | Should -Match 'What if'
        $everything | Should -Match 'POST .*/volumes'
        $everything | Should -Match 'ended FAILED'
        $everything | Should -Not -Match ([regex]::Escape($token))
        $everything | Should -Not -Match ([regex]::Escape($simulator.ClientSecret))
    }
}
