namespace ChatApi.Storage;

/// <summary>Section <c>Storage</c>. The connection string is <c>ConnectionStrings:ChatApi</c>.</summary>
public sealed class StorageOptions
{
    /// <summary><see cref="StorageProviders.Sqlite"/> (default) or <see cref="StorageProviders.Postgres"/>.</summary>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>SQLite's <c>synchronous</c>: <c>Full</c> (default, survives power loss) or <c>Normal</c> (survives a killed process).</summary>
    public string SqliteSynchronous { get; set; } = "Full";

    /// <summary>
    /// <see cref="StorageCapture.Stored"/> (default: only <c>store: true</c> completions, as OpenAI) or
    /// <see cref="StorageCapture.All"/> (every completion, the request journal for tests; the extra ones are marked captured).
    /// </summary>
    public string Capture { get; set; } = StorageCapture.Stored;

    public bool CapturesAll => string.Equals(Capture, StorageCapture.All, StringComparison.OrdinalIgnoreCase);
}
