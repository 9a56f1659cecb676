namespace ChatApi.Storage;

/// <summary>Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary><c>Sqlite</c> (default).</summary>
    public string Provider { get; set; } = "Sqlite";
}
