# Every exported cmdlet ships real help (en-US/DsccPowerShell.dll-Help.xml), and that help matches the cmdlet.
BeforeDiscovery {
    Import-Module $env:DSCC_TEST_MODULE -Force
    $common = [System.Management.Automation.Cmdlet]::CommonParameters
    $cmdlets = foreach ($name in (Get-Module DsccPowerShell).ExportedCmdlets.Keys | Sort-Object) {
        # -WhatIf and -Confirm are declared by the cmdlet (SupportsShouldProcess), so they are documented too.
        $parameters = (Get-Command $name).Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object
        @{ Name = $name; Parameters = @($parameters) }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-TestModule
}

Describe 'The help file' {
    It 'is staged under en-US and documents exactly the exported cmdlets' {
        $module = Get-Module DsccPowerShell
        $path = Join-Path $module.ModuleBase 'en-US/DsccPowerShell.dll-Help.xml'
        $path | Should -Exist

        $maml = [xml](Get-Content -Path $path -Raw)
        $names = $maml.helpItems.command.details.name

        $names | Sort-Object | Should -BeExactly ($module.ExportedCmdlets.Keys | Sort-Object)
        $names | Group-Object | Where-Object Count -GT 1 | Should -BeNullOrEmpty -Because 'each cmdlet has one entry'
    }
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll {
        $command = Get-Command -Name $Name -Module DsccPowerShell
        $help = Get-Help -Name $Name -Full
        $documented = @($help.parameters.parameter | ForEach-Object { $_.name })
    }

    It 'has a synopsis of its own, not the generated syntax' {
        $synopsis = "$($help.Synopsis)".Trim()

        $synopsis | Should -Not -BeNullOrEmpty
        $synopsis | Should -Not -BeLike "$Name *" -Because 'Get-Help shows the syntax when no help file is found'
        $synopsis | Should -Not -BeLike '*<CommonParameters>*'
    }

    It 'has a description' {
        ($help.description.Text -join "`n").Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code and remarks' {
        $examples = @($help.examples.example)

        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            "$($example.code)".Trim() | Should -Not -BeNullOrEmpty -Because "$($example.title) needs code"
            ($example.remarks.Text -join '').Trim() |
                Should -Not -BeNullOrEmpty -Because "$($example.title) needs remarks"
        }
    }

    It 'describes -<_>' -ForEach $Parameters {
        $parameterName = $_
        $parameterHelp = @($help.parameters.parameter | Where-Object { $_.name -ceq $parameterName })

        $parameterHelp.Count | Should -Be 1 -Because "-$parameterName is declared by $Name"
        ($parameterHelp[0].description.Text -join "`n").Trim() | Should -Not -BeNullOrEmpty
    }

    It 'documents exactly the parameters the cmdlet declares' {
        $missing = @($Parameters | Where-Object { $_ -cnotin $documented })
        $stale = @($documented | Where-Object { $_ -cnotin $Parameters })

        $missing | Should -BeNullOrEmpty -Because 'every declared parameter needs help'
        $stale | Should -BeNullOrEmpty -Because 'help must not describe parameters the cmdlet no longer has'
        $documented.Count | Should -Be $Parameters.Count -Because 'each parameter is documented once'
    }

    It 'documents pipeline input and mandatory parameters as the cmdlet declares them' {
        foreach ($parameterHelp in $help.parameters.parameter) {
            $sets = @($command.ParameterSets | ForEach-Object { $_.Parameters } |
                Where-Object Name -EQ $parameterHelp.name)
            $byValue = [bool]($sets | Where-Object ValueFromPipeline)
            $byName = [bool]($sets | Where-Object ValueFromPipelineByPropertyName)
            $mandatory = @($sets | Where-Object { -not $_.IsMandatory }).Count -eq 0

            ($parameterHelp.pipelineInput -like '*ByValue*') | Should -Be $byValue -Because "-$($parameterHelp.name)"
            ($parameterHelp.pipelineInput -like '*ByPropertyName*') |
                Should -Be $byName -Because "-$($parameterHelp.name)"
            ($parameterHelp.required -eq 'true') | Should -Be $mandatory -Because "-$($parameterHelp.name)"
        }
    }

    It 'has one syntax block per parameter set, naming that set''s parameters' {
        $common = [System.Management.Automation.Cmdlet]::CommonParameters
        $real = @($command.ParameterSets | ForEach-Object {
                (@($_.Parameters.Name | Where-Object { $_ -notin $common } | Sort-Object) -join ' ')
            } | Sort-Object)
        $fromHelp = @($help.syntax.syntaxItem | ForEach-Object {
                (@($_.parameter | ForEach-Object { $_.name } | Sort-Object) -join ' ')
            } | Sort-Object)

        $fromHelp | Should -BeExactly $real
    }
}
