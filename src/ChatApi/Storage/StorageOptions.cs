namespace ChatApi.Storage;

/// <summary>Section <c>Storage</c>. The connection string is <c>ConnectionStrings:ChatApi</c>.</summary>
public sealed class StorageOptions
{
    /// <summary><see cref="StorageProviders.Sqlite"/> (default) or <see cref="StorageProviders.Postgres"/>.</summary>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>SQLite's <c>synchronous</c>: <c>Full</c> (default, survives power loss) or <c>Normal</c> (survives a killed process).</summary>
    public string SqliteSynchronous { get; set; } = "Full";
}
