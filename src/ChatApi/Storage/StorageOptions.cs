namespace ChatApi.Storage;

/// <summary>Section <c>Storage</c>. The connection string is <c>ConnectionStrings:ChatApi</c>.</summary>
public sealed class StorageOptions
{
    /// <summary><see cref="StorageProviders.Sqlite"/> (default) or <see cref="StorageProviders.Postgres"/>.</summary>
    public string Provider { get; set; } = StorageProviders.Sqlite;
}
