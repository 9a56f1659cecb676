namespace ChatApi.Storage;

/// <summary>One stored completion row. The wire JSON is kept whole so reads need no mapping.</summary>
public sealed class StoredCompletion : IProjectOwned
{
    public long Seq { get; set; }              // insertion order: the cursor
    public required string Id { get; set; }    // chatcmpl-…
    public required string Model { get; set; }
    public string Project { get; set; } = ProjectScope.DefaultProject;  // the creating key's; see ProjectScope
    public long Created { get; set; }          // Unix seconds; SQLite cannot order DateTimeOffset
    public required string ResponseJson { get; set; }
    public required string MessagesJson { get; set; }
    public bool Captured { get; set; }        // kept only because Storage:Capture=all, not for store: true
    public List<StoredMetadata> Metadata { get; set; } = [];
}
