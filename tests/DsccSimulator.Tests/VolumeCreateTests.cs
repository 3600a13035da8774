using System.Net;
using System.Text.Json;
using DsccSimulator.Tests.Infrastructure;

namespace DsccSimulator.Tests;

/// <summary>
/// Volume create per device type. Task duration is 10 s of fake time: INITIALIZED for the first second, RUNNING
/// until 10 s, then SUCCEEDED (or FAILED at 1 s when the array refuses).
/// </summary>
public sealed class VolumeCreateTests : IAsyncLifetime
{
    private TestSimulator sim;

    private string token;

    public async Task InitializeAsync()
    {
        sim = await TestSimulator.StartAsync();
        token = await sim.TokenAsync();
    }

    public async Task DisposeAsync() => await sim.DisposeAsync();

    [Theory]
    [InlineData("device-type1", Fleet.PrimeraLab01, """{"name":"dt1-new","userCpg":"FC_r5","sizeMib":16384}""")]
    [InlineData("device-type4", Fleet.AlletraMp01, """{"name":"dt4-new","userCpg":"SSD_r1","sizeMib":2048}""")]
    [InlineData("device-type2", Fleet.NimbleProd01, """{"name":"dt2-new","size":4096,"description":"d"}""")]
    public async Task CreateRunsATaskThatEndsWithTheVolumeListed(string family, string systemName, string body)
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, systemName);
        var name = JsonDocument.Parse(body).RootElement.GetProperty("name").GetString();

        var submitted = await sim.PostJsonAsync($"/api/v1/storage-systems/{family}/{systemId}/volumes", token, body);

        Assert.Equal(HttpStatusCode.Accepted, submitted.Status);
        Assert.Equal(new[] { "taskUri", "status", "message" }, submitted.PropertyNames);
        Assert.Matches("^/api/v1/tasks/[0-9a-f-]{36}$", submitted.Str("taskUri"));
        Assert.Equal("SUBMITTED", submitted.Str("status"));
        Assert.Equal("Successfully submitted", submitted.Str("message"));
        var taskUri = submitted.Str("taskUri");

        var initial = await sim.GetAsync(taskUri, token);
        Assert.Equal("INITIALIZED", initial.Str("state"));
        Assert.Equal(0, initial.Json.GetProperty("progressPercent").GetInt32());

        sim.Clock.Advance(TimeSpan.FromSeconds(5));
        var running = await sim.GetAsync(taskUri, token);
        Assert.Equal("RUNNING", running.Str("state"));
        Assert.Equal(50, running.Json.GetProperty("progressPercent").GetInt32());
        Assert.Empty(running.Json.GetProperty("associatedResources").EnumerateArray());
        Assert.Equal(0, (await FindVolumesAsync(name)).Json.GetProperty("total").GetInt32());

        sim.Clock.Advance(TimeSpan.FromSeconds(5));
        var done = await sim.GetAsync(taskUri, token);
        Assert.Equal("SUCCEEDED", done.Str("state"));
        Assert.Equal(100, done.Json.GetProperty("progressPercent").GetInt32());
        Assert.Equal("OK", done.Str("healthStatus"));
        Assert.False(done.Json.TryGetProperty("error", out _));
        Assert.Equal(TestSimulator.Start.AddSeconds(10), done.Json.GetProperty("endedAt").GetDateTimeOffset());

        var created = Assert.Single(done.Json.GetProperty("associatedResources").EnumerateArray());
        Assert.Equal(name, created.GetProperty("name").GetString());
        Assert.Equal("volume", created.GetProperty("type").GetString());
        var resourceUri = created.GetProperty("resourceUri").GetString();
        Assert.StartsWith($"/api/v1/storage-systems/{family}/{systemId}/volumes/", resourceUri);

        var perType = await sim.GetAsync(resourceUri, token);
        Assert.Equal(HttpStatusCode.OK, perType.Status);
        Assert.Equal(name, perType.Str("name"));

        var listed = await FindVolumesAsync(name);
        var volume = Assert.Single(listed.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(systemId, volume.GetProperty("systemId").GetString());
        Assert.Equal(resourceUri, volume.GetProperty("resourceUri").GetString());
        Assert.Equal("deviceType" + family[^1], volume.GetProperty("productFamily").GetString());
        Assert.Equal(resourceUri.Split('/')[^1], volume.GetProperty("id").GetString());
    }

    [Fact]
    public async Task DeviceType2CreateWithoutPoolIdUsesTheDefaultPool()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.NimbleProd01);
        var archive = await Fleet.PoolIdAsync(sim, token, systemId, "archive");

        await CreateAndFinishAsync("device-type2", systemId, """{"name":"in-default","size":1024}""");
        await CreateAndFinishAsync(
            "device-type2", systemId, $$"""{"name":"in-archive","size":1024,"pool_id":"{{archive}}"}""");

        var volumes = await sim.GetAsync(
            $"/api/v1/storage-systems/device-type2/{systemId}/volumes?filter=name in (in-default,in-archive)&sort=name",
            token);
        Assert.Equal(new[] { "archive", "default" }, Fleet.Names(volumes, "pool_name"));
    }

    [Fact]
    public async Task CountCreatesSeveralVolumesWithNumberedNames()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab02);

        var task = await CreateAndFinishAsync(
            "device-type1", systemId, """{"name":"batch","userCpg":"SSD_r6","sizeMib":1024,"count":3}""");

        Assert.Equal("SUCCEEDED", task.Str("state"));
        Assert.Equal(new[] { "batch.0", "batch.1", "batch.2" },
            task.Json.GetProperty("associatedResources").EnumerateArray()
                .Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(3, (await sim.GetAsync("/api/v1/volumes?filter=name in (batch.0,batch.1,batch.2)", token))
            .Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task CamelCaseBodyToDeviceType2Gets400NamingTheField()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.NimbleProd01);

        var reply = await sim.PostJsonAsync($"/api/v1/storage-systems/device-type2/{systemId}/volumes", token,
            """{"name":"camel","sizeMib":1024,"poolId":"x"}""");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(new[] { "error", "errorCode" }, reply.PropertyNames);
        Assert.Contains("'sizeMib'", reply.Str("error"));
        Assert.Contains("'poolId'", reply.Str("error"));
        Assert.Contains("NimbleCreateVolumeInput", reply.Str("error"));
        Assert.Empty((await sim.GetAsync("/api/v1/tasks", token)).Json.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task SnakeCaseBodyToDeviceType1Gets400NamingTheFields()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);

        var reply = await sim.PostJsonAsync($"/api/v1/storage-systems/device-type1/{systemId}/volumes", token,
            """{"name":"snake","user_cpg":"SSD_r6","size_mib":1024}""");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        var error = reply.Str("error");
        Assert.Contains("'user_cpg'", error);
        Assert.Contains("'size_mib'", error);
        Assert.Contains("Missing required property 'userCpg'", error);
        Assert.Contains("Missing required property 'sizeMib'", error);
    }

    [Theory]
    [InlineData("""{"name":"t","userCpg":"SSD_r6","sizeMib":"1024"}""",
        "'sizeMib' must be an integer, not the string \"1024\"")]
    [InlineData("""{"name":"t","userCpg":"SSD_r6","sizeMib":10.5}""", "'sizeMib' must be an integer")]
    [InlineData("""{"name":null,"userCpg":"SSD_r6","sizeMib":1}""", "'name' must be a string, not null")]
    [InlineData("""{"name":"t","userCpg":"SSD_r6","sizeMib":1,"dataReduction":1}""",
        "'dataReduction' must be a boolean or null, not the number 1")]
    [InlineData("""{"name":"t","userCpg":"SSD_r6","sizeMib":1,"count":null,"comments":null}""", null)]
    [InlineData("""{"name":"t","userCpg":"SSD_r6","sizeMib":0}""", "'sizeMib' must be at least 1")]
    [InlineData("""{"name":"t","userCpg":"SSD_r6","sizeMib":1024.0}""", "'sizeMib' must be a whole number")]
    [InlineData("""{"name":"t","userCpg":"SSD_r6","sizeMib":1e30}""", "'sizeMib' must be a whole number")]
    [InlineData("""{"name":"t","userCpg":"SSD_r6","sizeMib":1,"count":2.0}""", "'count' must be a whole number")]
    [InlineData("""{"name":" ","userCpg":"SSD_r6","sizeMib":1}""", "'name' must not be empty")]
    [InlineData("""{"name":"t","userCpg":"SSD_r6","sizeMib":1,"count":0}""", "'count' must be between 1")]
    [InlineData("""[{"name":"t"}]""", "The value must be an object or null, not an array")]
    [InlineData("null", "must be a JSON object (createVolumeInput), not null")]
    [InlineData("""{"name":"t",""", "malformed JSON")]
    [InlineData("", "malformed JSON")]
    public async Task DeviceType1BodyIsValidatedStrictly(string body, string expectedError)
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);

        var reply = await sim.PostJsonAsync($"/api/v1/storage-systems/device-type1/{systemId}/volumes", token, body);

        if (expectedError is null)
        {
            Assert.Equal(HttpStatusCode.Accepted, reply.Status);
            return;
        }

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(expectedError, reply.Str("error"));
    }

    [Fact]
    public async Task SnapCpgIsNotAcceptedByDeviceType4()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.AlletraMp01);

        var reply = await sim.PostJsonAsync($"/api/v1/storage-systems/device-type4/{systemId}/volumes", token,
            """{"name":"t","userCpg":"SSD_r6","sizeMib":1024,"snapCpg":"SSD_r6"}""");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("'snapCpg'", reply.Str("error"));
        Assert.Contains("ArcuscreateVolumeInput", reply.Str("error"));
    }

    [Theory]
    [InlineData("""{"name":"nosize"}""", "'size'")]
    [InlineData("""{"name":"c","clone":true}""", "'base_snap_id'")]
    [InlineData("""{"name":"m","size":1,"metadata":[{"key":"a","value":1}]}""",
        "'metadata[0].value' must be a string or null, not the number 1")]
    public async Task DeviceType2BodyIsValidatedStrictly(string body, string expectedError)
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.NimbleProd01);

        var reply = await sim.PostJsonAsync($"/api/v1/storage-systems/device-type2/{systemId}/volumes", token, body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(expectedError, reply.Str("error"));
    }

    /// <summary>
    /// Names the spec's prose rules out for <c>NimbleCreateVolumeInput.name</c>: up to 215 letters, digits, '-', ':'
    /// and '.', not starting with '-', ':' or '.' (and, since it is a name, not ending in a line break).
    /// </summary>
    public static TheoryData<string> NamesNimbleRefuses() =>
        ["qa nim space", new string('b', 300), new string('b', 216), "-lead", ":lead", ".lead", "qa/slash", "qa_under",
            "trailing\n"];

    public static TheoryData<string> NamesNimbleAccepts() => ["a", "9lives", "qa:vol.2-x", new string('c', 215)];

    [Theory]
    [MemberData(nameof(NamesNimbleRefuses))]
    public async Task DeviceType2NamesOutsideTheSpecsRulesGet400NamingTheField(string name)
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.NimbleProd01);
        var body = JsonSerializer.Serialize(new { name, size = 1024 });

        var reply = await sim.PostJsonAsync($"/api/v1/storage-systems/device-type2/{systemId}/volumes", token, body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(new[] { "error", "errorCode" }, reply.PropertyNames);
        Assert.Equal("400", reply.Str("errorCode"));
        Assert.Contains("Property 'name' must be 1 to 215 letters, digits, '-', ':' or '.'", reply.Str("error"));
        Assert.Equal(0, (await sim.GetAsync("/api/v1/tasks", token)).Json.GetProperty("total").GetInt32());
    }

    [Theory]
    [MemberData(nameof(NamesNimbleAccepts))]
    public async Task DeviceType2NamesWithinTheSpecsRulesAreCreated(string name)
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.NimbleProd01);

        var task = await CreateAndFinishAsync(
            "device-type2", systemId, JsonSerializer.Serialize(new { name, size = 1024 }));

        Assert.Equal("SUCCEEDED", task.Str("state"));
        Assert.Equal(name, Lifecycle.AssociatedResource(task).Name);
    }

    [Fact]
    public async Task NonJsonContentTypeGets400()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);

        var reply = await sim.PostJsonAsync($"/api/v1/storage-systems/device-type1/{systemId}/volumes", token,
            """{"name":"t","userCpg":"SSD_r6","sizeMib":1}""", "text/plain");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("application/json", reply.Str("error"));
    }

    [Fact]
    public async Task UnknownCpgFailsTheTaskWithAReadableError()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);

        var task = await CreateAndFinishAsync(
            "device-type1", systemId, """{"name":"t","userCpg":"NoSuchCpg","sizeMib":1024}""");

        Assert.Equal("FAILED", task.Str("state"));
        Assert.Equal("ERROR", task.Str("healthStatus"));
        Assert.Equal(10, task.Json.GetProperty("progressPercent").GetInt32());
        var error = task.Json.GetProperty("error");
        Assert.Equal(new[] { "error", "errorCode", "traceId" }, error.EnumerateObject().Select(p => p.Name));
        Assert.Contains("CPG 'NoSuchCpg' does not exist on system Primera-Lab-01", ErrorText(task));
        Assert.Equal("NOT_FOUND", error.GetProperty("errorCode").GetString());
        var advice = Assert.Single(task.Json.GetProperty("recommendations").EnumerateArray());
        Assert.Contains("/storage-pools", advice.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(task.Json.GetProperty("associatedResources").EnumerateArray());
        Assert.Equal(TestSimulator.Start.AddSeconds(1), task.Json.GetProperty("endedAt").GetDateTimeOffset());
        Assert.Equal(0, (await FindVolumesAsync("t")).Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task CpgOfAnotherSystemIsUnknownToo()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.AlletraMp01);

        // FC_r5 exists on the Primera systems only.
        var task = await CreateAndFinishAsync(
            "device-type4", systemId, """{"name":"t","userCpg":"FC_r5","sizeMib":1024}""");

        Assert.Equal("FAILED", task.Str("state"));
        Assert.Contains("'FC_r5'", task.Json.GetProperty("error").GetProperty("error").GetString());
    }

    [Fact]
    public async Task UnknownDeviceType2PoolIdFailsTheTask()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.NimbleProd01);

        var task = await CreateAndFinishAsync(
            "device-type2", systemId, """{"name":"t","size":1024,"pool_id":"0a00"}""");

        Assert.Equal("FAILED", task.Str("state"));
        Assert.Contains("pool '0a00' does not exist", task.Json.GetProperty("error").GetProperty("error").GetString());
    }

    [Fact]
    public async Task DuplicateNameOnTheSameSystemFailsTheTask()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);

        // Seeded volumes go round-robin, so vol-0001 lives on the first system.
        var task = await CreateAndFinishAsync(
            "device-type1", systemId, """{"name":"vol-0001","userCpg":"SSD_r6","sizeMib":1024}""");

        Assert.Equal("FAILED", task.Str("state"));
        Assert.Contains("'vol-0001' already exists", task.Json.GetProperty("error").GetProperty("error").GetString());
        Assert.Equal(1, (await FindVolumesAsync("vol-0001")).Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task SameNameOnAnotherSystemIsFine()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab02);

        var task = await CreateAndFinishAsync(
            "device-type1", systemId, """{"name":"vol-0001","userCpg":"SSD_r6","sizeMib":1024}""");

        Assert.Equal("SUCCEEDED", task.Str("state"));
        Assert.Equal(2, (await FindVolumesAsync("vol-0001")).Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task TwoConcurrentCreatesOfOneNameLetOnlyTheFirstSucceed()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);
        const string body = """{"name":"race","userCpg":"SSD_r6","sizeMib":1024}""";
        var path = $"/api/v1/storage-systems/device-type1/{systemId}/volumes";
        var first = (await sim.PostJsonAsync(path, token, body)).Str("taskUri");
        var second = (await sim.PostJsonAsync(path, token, body)).Str("taskUri");

        sim.Clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal("SUCCEEDED", (await sim.GetAsync(first, token)).Str("state"));
        Assert.Equal("FAILED", (await sim.GetAsync(second, token)).Str("state"));
    }

    [Fact]
    public async Task SizeAbovePoolFreeCapacityFailsTheTask()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);

        var task = await CreateAndFinishAsync(
            "device-type1", systemId, """{"name":"huge","userCpg":"SSD_r1","sizeMib":1099511627776}""");

        Assert.Equal("FAILED", task.Str("state"));
        Assert.Contains("Not enough free space in CPG 'SSD_r1'", ErrorText(task));
    }

    [Fact]
    public async Task FailedTaskProgressStops()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);
        var taskUri = (await sim.PostJsonAsync($"/api/v1/storage-systems/device-type1/{systemId}/volumes", token,
            """{"name":"t","userCpg":"nope","sizeMib":1}""")).Str("taskUri");

        sim.Clock.Advance(TimeSpan.FromSeconds(2));
        var early = await sim.GetAsync(taskUri, token);
        sim.Clock.Advance(TimeSpan.FromSeconds(60));
        var late = await sim.GetAsync(taskUri, token);

        Assert.Equal("FAILED", early.Str("state"));
        Assert.Equal(
            early.Json.GetProperty("progressPercent").GetInt32(), late.Json.GetProperty("progressPercent").GetInt32());
        Assert.Equal(early.Str("updatedAt"), late.Str("updatedAt"));
    }

    [Theory]
    [InlineData("device-type1", Fleet.NimbleProd01, """{"name":"t","userCpg":"SSD_r6","sizeMib":1}""")]
    [InlineData("device-type2", Fleet.PrimeraLab01, """{"name":"t","size":1}""")]
    [InlineData("device-type4", Fleet.PrimeraLab01, """{"name":"t","userCpg":"SSD_r6","sizeMib":1}""")]
    [InlineData("device-type1", Fleet.AlletraMp01, """{"name":"t","userCpg":"SSD_r6","sizeMib":1}""")]
    public async Task PostingToAnotherFamilysSystemGets404(string family, string systemName, string body)
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, systemName);

        // The body is valid for the family: schema checks come first, before the system is looked up.
        var reply = await sim.PostJsonAsync($"/api/v1/storage-systems/{family}/{systemId}/volumes", token, body);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal(new[] { "error", "errorCode" }, reply.PropertyNames);
        Assert.Equal("404", reply.Str("errorCode"));
        Assert.Contains(family, reply.Str("error"));
    }

    [Fact]
    public async Task TasksListShowsSubmittedTasksWithoutRequestUri()
    {
        var systemId = await Fleet.SystemIdAsync(sim, token, Fleet.PrimeraLab01);
        var taskUri = (await sim.PostJsonAsync($"/api/v1/storage-systems/device-type1/{systemId}/volumes", token,
            """{"name":"listed","userCpg":"SSD_r6","sizeMib":1}""")).Str("taskUri");

        var list = await sim.GetAsync("/api/v1/tasks?filter=state eq INITIALIZED", token);

        Assert.Equal(new[] { "items", "total", "pageLimit", "pageOffset" }, list.PropertyNames);
        var task = Assert.Single(list.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(taskUri, task.GetProperty("resourceUri").GetString());
        Assert.Equal("dscc-demo-client", task.GetProperty("userId").GetString());
    }

    [Fact]
    public async Task UnknownTaskGets404AndMalformedIdGets400InThePlatformSchema()
    {
        var missing = await sim.GetAsync($"/api/v1/tasks/{Guid.NewGuid()}", token);
        var malformed = await sim.GetAsync("/api/v1/tasks/not-a-uuid", token);

        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("NOT_FOUND", missing.Str("errorCode"));
        SpecAssert.Conforms(missing.Json, "TasksNotFound");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        SpecAssert.Conforms(malformed.Json, "TasksBadRequest");
    }

    private async Task<Reply> CreateAndFinishAsync(string family, string systemId, string body)
    {
        var submitted = await sim.PostJsonAsync($"/api/v1/storage-systems/{family}/{systemId}/volumes", token, body);
        Assert.Equal(HttpStatusCode.Accepted, submitted.Status);
        sim.Clock.Advance(TimeSpan.FromSeconds(10));
        return await sim.GetAsync(submitted.Str("taskUri"), token);
    }

    private static string ErrorText(Reply task) => task.Json.GetProperty("error").GetProperty("error").GetString();

    private Task<Reply> FindVolumesAsync(string name) =>
        sim.GetAsync($"/api/v1/volumes?filter=name eq '{name}'", token);
}
