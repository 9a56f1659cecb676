using System.Text.RegularExpressions;

namespace ChatApi.Backends.Recording;

/// <summary>
/// The cassettes on disk: <c>{Directory}/{endpoint}/{model}-{key}.json</c>, e.g.
/// <c>cassettes/chat-completions/gpt-4o-mini-3fa2c1d09b7e4a55.json</c>. Writes go to a temporary file first and
/// replace the cassette in one rename, so a reader never sees half a file.
/// </summary>
public sealed partial class CassetteDirectory(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string PathFor(string endpoint, string? model, string key) =>
        Path.Combine(Root, Safe(endpoint.Replace('/', '-')), $"{Safe(model ?? "no-model")}-{key}.json");

    /// <summary>The cassette, or null when there is none; throws <see cref="InvalidDataException"/> naming the file when it is unreadable.</summary>
    public Cassette? Find(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        try
        {
            return CassetteFile.Read(bytes);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"The cassette {path} cannot be read: {e.Message}", e);
        }
    }

    public void Save(string path, Cassette cassette)
    {
        var bytes = CassetteFile.Write(cassette);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
            return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    static string Safe(string name) => Unsafe().Replace(name, "_");

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex Unsafe();
}
