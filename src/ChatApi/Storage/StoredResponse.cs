namespace ChatApi.Storage;

/// <summary>
/// One stored response. <c>ContextJson</c> is the whole conversation after it (every earlier turn, this input, this output,
/// as chat messages), so continuing from it with <c>previous_response_id</c> reads one row, whatever the chain's length.
/// </summary>
public sealed class StoredResponse : IProjectOwned
{
    public long Seq { get; set; }
    public required string Id { get; set; }      // resp_…
    public required string Model { get; set; }
    public string Project { get; set; } = ProjectScope.DefaultProject;  // the creating key's; see ProjectScope
    public long CreatedAt { get; set; }          // Unix seconds
    public required string ResponseJson { get; set; }
    public required string InputItemsJson { get; set; }
    public required string ContextJson { get; set; }
}
