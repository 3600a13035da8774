using System.Text.Json;
using System.Text.Json.Serialization;

namespace DsccSimulator.Persistence;

/// <summary>
/// Reads and writes the state file. Writes are atomic (a temporary file beside it, then a rename), so a crash or a
/// kill during a save leaves the previous state intact rather than half a file.
/// </summary>
public static class StateFile
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>The saved state, or null when the file does not exist yet (first run).</summary>
    public static SavedState Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath);
        if (!Directory.Exists(directory))
        {
            throw new StateFileException($"state file '{path}': directory '{directory}' does not exist");
        }

        if (Directory.Exists(fullPath))
        {
            throw new StateFileException($"state file '{path}' is a directory");
        }

        if (!File.Exists(fullPath))
        {
            return null;
        }

        SavedState state;
        try
        {
            using var stream = File.OpenRead(fullPath);
            state = JsonSerializer.Deserialize<SavedState>(stream, Options);
        }
        catch (JsonException ex)
        {
            throw new StateFileException(
                $"state file '{path}' is not a valid simulator state file: {FirstLine(ex.Message)}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new StateFileException($"cannot read state file '{path}': {FirstLine(ex.Message)}", ex);
        }

        Validate(path, state);
        return state;
    }

    public static void Save(string path, SavedState state)
    {
        var fullPath = Path.GetFullPath(path);
        var temporary = fullPath + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, state, Options);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, fullPath, overwrite: true);
    }

    private static void Validate(string path, SavedState state)
    {
        string problem = null;
        if (state is null)
        {
            problem = "it holds null";
        }
        else if (state.Format != SavedState.CurrentFormat)
        {
            problem = $"format {state.Format} is not supported (expected {SavedState.CurrentFormat})";
        }
        else if (state.Fleet?.Systems is not { Count: > 0 } || state.Fleet.Pools is null || state.Fleet.Volumes is null)
        {
            problem = "the fleet has no systems, pools or volumes list";
        }
        else if (HasNull(state.Tasks) || HasNull(state.Clients) || HasNull(state.Tokens))
        {
            problem = "a task, client or token entry is null";
        }
        else
        {
            problem = FleetState.FindInconsistency(state.Fleet);
        }

        if (problem is not null)
        {
            throw new StateFileException($"state file '{path}' is not a valid simulator state file: {problem}");
        }
    }

    private static bool HasNull<T>(IReadOnlyList<T> entries) => entries?.Any(entry => entry is null) == true;

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Enums by name, so a state file stays readable and survives reordering of enum members.
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
