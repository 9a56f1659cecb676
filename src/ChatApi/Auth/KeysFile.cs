using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Auth;

/// <summary>
/// The keys file: <c>{"keys":[{"keySha256":"…","project":"…","admin":false,"requestsPerMinute":…}]}</c>, the same
/// fields as <c>Auth:Keys</c> except that a key is only ever kept as its SHA-256.
/// </summary>
internal static class KeysFile
{
    static readonly JsonSerializerOptions Read = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    static readonly JsonSerializerOptions Written = new() { WriteIndented = true };

    public static IReadOnlyList<ApiKeyOptions> Load(string path)
    {
        try
        {
            var file = JsonSerializer.Deserialize<Contents>(File.ReadAllText(path), Read);
            return file?.Keys ?? [];
        }
        catch (JsonException error)
        {
            throw new InvalidOperationException($"The keys file {path} is not valid JSON: {error.Message}", error);
        }
    }

    /// <summary>Adds one entry, writing the whole file anew beside the old one and renaming it over, so a reader never sees half a file.</summary>
    public static void Append(string path, byte[] sha256, string? project, bool admin, DateTimeOffset created)
    {
        var root = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject : null;
        root ??= [];
        if (root["keys"] is not JsonArray keys)
            root["keys"] = keys = [];

        var entry = new JsonObject { ["keySha256"] = KeyHashes.Hex(sha256) };
        if (project is not null)
            entry["project"] = project;
        if (admin)
            entry["admin"] = true;
        entry["created"] = created.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        keys.Add(entry);

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, root.ToJsonString(Written) + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    sealed class Contents
    {
        public List<ApiKeyOptions>? Keys { get; set; }
    }
}
