BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-TestModule
    $simulator = Get-TestSimulator
}

Describe 'Connect-Dscc' {
    AfterEach {
        Disconnect-Dscc -All
    }

    It 'gets a token with a URL-encoded client-credentials form and returns one session' {
        Clear-SimulatorRequestLog

        $output = @(Connect-TestSession)

        $output.Count | Should -Be 1
        $session = $output[0]
        $session.BaseUri.ToString() | Should -Be ($simulator.Url + '/')
        $session.ClientId | Should -Be $simulator.ClientId
        $session.TokenExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
        $session.IsDefault | Should -BeTrue

        $probe = @(Get-SimulatorRequestLog -PathLike '/api/v1/storage-systems')
        $probe.Count | Should -Be 1
        Get-QueryValue $probe[0].query 'limit' | Should -Be '1'
        $tokenRequests = @(Get-SimulatorRequestLog -PathLike '/as/token.oauth2')
        $tokenRequests.Count | Should -Be 1
        $tokenRequests[0].method | Should -Be 'POST'
        $tokenRequests[0].contentType | Should -BeLike 'application/x-www-form-urlencoded*'
        $tokenRequests[0].hasBearer | Should -BeFalse
        $form = $tokenRequests[0].body
        Get-QueryValue $form 'grant_type' | Should -Be 'client_credentials'
        Get-QueryValue $form 'client_id' | Should -Be $simulator.ClientId
        Get-QueryValue $form 'client_secret' | Should -Be '***'
    }

    It 'accepts the client as a PSCredential and becomes the default session' {
        $secret = ConvertTo-SecureString $simulator.ClientSecret -AsPlainText -Force
        $credential = [pscredential]::new($simulator.ClientId, $secret)

        $first = Connect-TestSession
        $second = Connect-Dscc -Credential $credential -BaseUri $simulator.Url -TokenUri $simulator.TokenUri

        $second.ClientId | Should -Be $simulator.ClientId
        (Get-DsccSession -Default).Id | Should -Be $second.Id
        @(Get-DsccSession).Id | Should -Be @($first.Id, $second.Id)
        $first.IsDefault | Should -BeFalse
    }

    It 'shows neither the secret nor the token in the session object' {
        $session = Connect-TestSession
        $token = Get-SessionAccessToken $session

        $token | Should -Not -BeNullOrEmpty
        $values = $session.PSObject.Properties | ForEach-Object { "$($_.Value)" }
        $values | Should -Not -Contain $token
        $values | Should -Not -Contain $simulator.ClientSecret
        ($session | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($token))
    }

    It 'shows client id, region, base URI, connection time and token expiry in its default table' {
        $session = Connect-TestSession

        $table = $session | Format-Table | Out-String -Width 300
        $header = ($table -split "`n" | Where-Object { $_ -match '\S' })[0]

        $header -split '\s+' | Where-Object { $_ } |
            Should -Be @('Id', 'Default', 'ClientId', 'Region', 'BaseUri', 'ConnectedOn', 'TokenExpiresOn')
        $table | Should -Match ([regex]::Escape($session.BaseUri.ToString()))
        $session.ConnectedOn | Should -BeLessOrEqual ([DateTimeOffset]::UtcNow)
        $session.ConnectedOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(-1))
    }

    It 'refuses to bind without a region or a base URI' {
        # A runspace without a host cannot prompt for the missing parameter, as a scheduled task cannot.
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddCommand('Import-Module').AddArgument($env:DSCC_TEST_MODULE).AddStatement()
            $null = $shell.AddScript(
                'Connect-Dscc -ClientId id -ClientSecret (ConvertTo-SecureString x -AsPlainText -Force)')

            $output = $shell.Invoke()
            $errors = @($shell.Streams.Error)
        }
        finally {
            $shell.Dispose()
        }

        $output | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'MissingMandatoryParameter,*ConnectDsccCommand'
        $errors[0].Exception.ParameterName.Trim() | Should -Be 'Region'
    }

    It 'refuses a plain-text secret' {
        { Connect-Dscc -ClientId 'id' -ClientSecret 'plain-text' -BaseUri $simulator.Url } |
            Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,*ConnectDsccCommand' -ExceptionType (
                [System.Management.Automation.ParameterBindingException])
    }

    It 'reports a wrong secret as an authentication error without echoing it' {
        $wrongSecret = 'wrong-' + [guid]::NewGuid()
        $secret = ConvertTo-SecureString $wrongSecret -AsPlainText -Force

        $thrown = { Connect-Dscc -ClientId $simulator.ClientId -ClientSecret $secret -BaseUri $simulator.Url `
                -TokenUri $simulator.TokenUri } | Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -BeLike 'ConnectDsccAuthenticationFailed,*ConnectDsccCommand'
        $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $thrown.Exception.Message | Should -Match 'invalid_client'
        ($thrown | Out-String) + $thrown.Exception.ToString() | Should -Not -Match $wrongSecret
        @(Get-DsccSession).Count | Should -Be 0
    }

    It 'refuses plain http to a host that is not this machine, naming the <Setting>' -ForEach @(
        @{ Setting = 'BaseUri'; BaseUri = 'http://dscc.example.com'; TokenUri = $null }
        @{ Setting = 'TokenUri'; BaseUri = 'https://dscc.example.com'; TokenUri = 'http://sso.example.com/as/t' }
    ) {
        $secret = ConvertTo-SecureString 'x' -AsPlainText -Force
        $arguments = @{ ClientId = 'id'; ClientSecret = $secret; BaseUri = $BaseUri }
        if ($TokenUri) { $arguments.TokenUri = $TokenUri }

        $thrown = { Connect-Dscc @arguments } | Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -BeLike 'ConnectDsccInvalidArgument,*ConnectDsccCommand'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$($thrown.TargetObject)" | Should -Be ([uri]$arguments[$Setting]).ToString()
        $thrown.Exception.Message | Should -Match 'must use https'
        $thrown.Exception.Message | Should -Not -Match '\(Parameter'
    }

    It 'maps each region to its own host' -ForEach @(
        @{ Region = 'us1' }, @{ Region = 'eu1' }, @{ Region = 'jp1' }
    ) {
        $secret = ConvertTo-SecureString $simulator.ClientSecret -AsPlainText -Force

        # The real regional hosts are out of reach here, so the connection test that would call them is skipped.
        $session = Connect-Dscc -ClientId $simulator.ClientId -ClientSecret $secret -Region $Region `
            -TokenUri $simulator.TokenUri -SkipConnectionTest

        $session.Region | Should -Be $Region
        $session.BaseUri.Host | Should -Be "$Region.data.cloud.hpe.com"
    }
}

Describe 'Connect-Dscc for unattended runs' {
    AfterEach {
        Disconnect-Dscc -All
        Remove-Item Env:DSCC_CLIENT_ID, Env:DSCC_CLIENT_SECRET -ErrorAction SilentlyContinue
    }

    It 'reads the client from DSCC_CLIENT_ID and DSCC_CLIENT_SECRET' {
        $env:DSCC_CLIENT_ID = $simulator.ClientId
        $env:DSCC_CLIENT_SECRET = $simulator.ClientSecret
        Clear-SimulatorRequestLog

        $session = Connect-Dscc -FromEnvironment -BaseUri $simulator.Url -TokenUri $simulator.TokenUri

        # The simulator issued a token, so the secret it checks was the one in the variable; its log masks it.
        $session.ClientId | Should -Be $simulator.ClientId
        $session.TokenExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
        $form = (Get-SimulatorRequestLog -PathLike '/as/token.oauth2').body
        Get-QueryValue $form 'client_id' | Should -Be $simulator.ClientId
        Get-QueryValue $form 'client_secret' | Should -Be '***'
    }

    It 'names the missing variable' {
        $env:DSCC_CLIENT_ID = $simulator.ClientId

        $thrown = { Connect-Dscc -FromEnvironment -BaseUri $simulator.Url -TokenUri $simulator.TokenUri } |
            Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -BeLike 'ConnectDsccEnvironmentNotSet,*'
        $thrown.TargetObject | Should -Be 'DSCC_CLIENT_SECRET'
    }

    It 'connects with a token obtained elsewhere, which it cannot renew' {
        $token = ConvertTo-SecureString (Get-DirectApiToken) -AsPlainText -Force
        Clear-SimulatorRequestLog

        $session = Connect-Dscc -AccessToken $token -BaseUri $simulator.Url
        $systems = @(Get-DsccStorageSystem)

        $session.CanRenewToken | Should -BeFalse
        $session.ClientId | Should -BeNullOrEmpty
        $systems.Count | Should -BeGreaterThan 0
        @(Get-SimulatorRequestLog -PathLike '/as/token.oauth2').Count | Should -Be 0
    }

    It 'says a given token cannot be renewed once DSCC refuses it' {
        $token = ConvertTo-SecureString (Get-DirectApiToken) -AsPlainText -Force
        $null = Connect-Dscc -AccessToken $token -BaseUri $simulator.Url
        $null = Get-DirectApiToken

        $thrown = { Get-DsccStorageSystem -ErrorAction Stop } | Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -BeLike 'GetDsccStorageSystemAuthenticationFailed,*'
        $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $thrown.Exception.Message | Should -Match 'cannot renew'
        $thrown.Exception.Message | Should -Match ([regex]::Escape("DSCC at $(([uri]$simulator.Url).Host) refused"))
        $thrown.TargetObject | Should -Be "GET $($simulator.Url)/api/v1/storage-systems"
    }

    It 'names the base URI it could not reach' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $closedPort = $listener.LocalEndpoint.Port
        $listener.Stop()
        $secret = ConvertTo-SecureString 'x' -AsPlainText -Force

        $thrown = { Connect-Dscc -ClientId id -ClientSecret $secret -BaseUri "http://127.0.0.1:$closedPort" `
                -TokenUri "http://127.0.0.1:$closedPort/as/token.oauth2" -MaxAttempts 1 } | Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -BeLike 'ConnectDsccConnectionFailed,*'
        $thrown.CategoryInfo.Category | Should -Be 'ConnectionError'
        $thrown.Exception.Message | Should -Match "127\.0\.0\.1:$closedPort"
    }

    It 'warns, per session only, when certificate checks are skipped' {
        $callbackBefore = [System.Net.ServicePointManager]::ServerCertificateValidationCallback
        $protocolsBefore = [System.Net.ServicePointManager]::SecurityProtocol
        $secret = ConvertTo-SecureString $simulator.ClientSecret -AsPlainText -Force

        $session = Connect-Dscc -ClientId $simulator.ClientId -ClientSecret $secret -BaseUri $simulator.Url `
            -TokenUri $simulator.TokenUri -SkipCertificateCheck -WarningVariable warnings `
            -WarningAction SilentlyContinue

        $session.SkipsCertificateCheck | Should -BeTrue
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'Certificate checks are off'
        [System.Net.ServicePointManager]::ServerCertificateValidationCallback | Should -Be $callbackBefore
        [System.Net.ServicePointManager]::SecurityProtocol | Should -Be $protocolsBefore
    }
}

Describe 'Connect-Dscc endpoints' {
    AfterEach {
        Disconnect-Dscc -All
    }

    It 'takes a loopback simulator''s own token endpoint when -TokenUri is not given' {
        $secret = ConvertTo-SecureString $simulator.ClientSecret -AsPlainText -Force
        Clear-SimulatorRequestLog

        $session = Connect-Dscc -ClientId $simulator.ClientId -ClientSecret $secret -BaseUri $simulator.Url

        $session.TokenUri.ToString() | Should -Be $simulator.TokenUri
        @(Get-SimulatorRequestLog -PathLike '/as/token.oauth2').Count | Should -Be 1
    }

    It 'says a token URI that is not a token endpoint is wrong, instead of blaming the secret' {
        $secret = ConvertTo-SecureString $simulator.ClientSecret -AsPlainText -Force

        $thrown = { Connect-Dscc -ClientId $simulator.ClientId -ClientSecret $secret -BaseUri $simulator.Url `
                -TokenUri ($simulator.Url + '/no/token/here') } | Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -BeLike 'ConnectDsccNotFound,*'
        $thrown.Exception.Message | Should -Match 'Check -TokenUri'
        $thrown.Exception.Message | Should -Not -Match 'secret'
    }

    It 'refuses a base URI with a path or user info' -ForEach @(
        @{ Suffix = '/api/v1'; Prefix = '' }, @{ Suffix = ''; Prefix = 'user:pw@' }
    ) {
        $secret = ConvertTo-SecureString $simulator.ClientSecret -AsPlainText -Force
        $uri = $simulator.Url.Replace('http://', "http://$Prefix") + $Suffix

        $thrown = { Connect-Dscc -ClientId $simulator.ClientId -ClientSecret $secret -BaseUri $uri } |
            Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -BeLike 'ConnectDsccInvalidArgument,*'
        $thrown.Exception.Message | Should -Not -Match 'pw'
        $given = $simulator.Url + $(if ($Suffix) { $Suffix } else { '/' })
        $thrown.Exception.Message | Should -Match ([regex]::Escape("(given: $given)"))
        "$($thrown.TargetObject)" | Should -Not -Match 'pw'
    }

    It 'refuses a <Setting> with a query, showing the query nowhere' -ForEach @(
        @{ Setting = 'TokenUri' }, @{ Setting = 'BaseUri' }
    ) {
        $secret = ConvertTo-SecureString $simulator.ClientSecret -AsPlainText -Force
        $arguments = @{ ClientId = $simulator.ClientId; ClientSecret = $secret; BaseUri = $simulator.Url }
        $arguments[$Setting] = $(if ($Setting -eq 'TokenUri') { $simulator.TokenUri } else { $simulator.Url + '/' }) +
            '?client_secret=pw123XYZ'

        $thrown = { Connect-Dscc @arguments } | Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -BeLike 'ConnectDsccInvalidArgument,*'
        ($thrown | Out-String) + "$($thrown.TargetObject)" + $thrown.Exception.Message | Should -Not -Match 'pw123'
    }

    It 'refuses a token URI with user info, showing it nowhere' -ForEach @(
        @{ Scheme = 'http'; Server = '127.0.0.1' }, @{ Scheme = 'https'; Server = 'sso.example.com' }
    ) {
        $secret = ConvertTo-SecureString $simulator.ClientSecret -AsPlainText -Force
        $tokenUri = "${Scheme}://admin:Hunter2pw@$Server/as/token.oauth2"

        $thrown = { Connect-Dscc -ClientId $simulator.ClientId -ClientSecret $secret -BaseUri $simulator.Url `
                -TokenUri $tokenUri } | Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -BeLike 'ConnectDsccInvalidArgument,*'
        $thrown.Exception.Message | Should -Match 'user name or password'
        ($thrown | Out-String) + "$($thrown.TargetObject)" + $thrown.Exception.Message | Should -Not -Match 'Hunter2'
    }
}

Describe 'Disconnect-Dscc' {
    It 'forgets the default session, after which cmdlets say to connect' {
        $null = Connect-TestSession

        Disconnect-Dscc

        @(Get-DsccSession).Count | Should -Be 0
        { Get-DsccVolume -ErrorAction Stop } |
            Should -Throw -ErrorId 'GetDsccVolumeNotConnected,DsccPowerShell.Cmdlets.Volumes.GetDsccVolumeCommand'
    }

    It 'leaves a disconnected session unusable even when passed explicitly' {
        $session = Connect-TestSession
        Clear-SimulatorRequestLog

        Disconnect-Dscc -Session $session

        $session.IsClosed | Should -BeTrue
        { Get-DsccStorageSystem -Session $session -ErrorAction Stop } |
            Should -Throw -ErrorId 'GetDsccStorageSystemSessionClosed,*'
        @(Get-SimulatorRequestLog).Count | Should -Be 0
    }
}
