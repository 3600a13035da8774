using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DsccSpecCompiler;

// Usage: DsccSpecCompiler <spec.yaml> <model.json>. Run by DsccSimulator.csproj before it embeds the model.
if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: DsccSpecCompiler <spec.yaml> <model.json>");
    return 2;
}

var (specPath, modelPath) = (args[0], args[1]);
var clock = Stopwatch.StartNew();
try
{
    JsonNode openApi;
    using (var reader = File.OpenText(specPath))
    {
        openApi = YamlToJson.Read(reader);
    }

    var parsedMs = clock.ElapsedMilliseconds;
    var model = SpecModelBuilder.Build(openApi.AsObject(), Path.GetFileName(specPath));

    // Write next to the target and move into place, so a failed run never leaves a half file that looks current.
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(modelPath)));
    var temporary = modelPath + ".tmp";
    using (var stream = File.Create(temporary))
    using (var writer = new Utf8JsonWriter(stream))
    {
        model.WriteTo(writer);
    }

    File.Move(temporary, modelPath, overwrite: true);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"DsccSpecCompiler: {model["operations"].AsArray().Count} operations, " +
        $"{model["schema"]["$defs"].AsObject().Count} schemas -> {modelPath} " +
        $"({new FileInfo(modelPath).Length / 1024} KiB; YAML read in {parsedMs} ms, " +
        $"total {clock.ElapsedMilliseconds} ms)"));
    return 0;
}
catch (Exception ex) when (ex is InvalidDataException or YamlDotNet.Core.YamlException or IOException)
{
    // MSBuild shows "error:" lines as build errors with the spec named.
    Console.Error.WriteLine($"{specPath}: error DSCCSPEC: {ex.Message}");
    return 1;
}
