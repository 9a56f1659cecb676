namespace ChatApi.Storage;

/// <summary>One metadata pair of a stored completion, kept apart so filters use an index.</summary>
public sealed class StoredMetadata
{
    public long CompletionSeq { get; set; }
    public required string Key { get; set; }
    public required string Value { get; set; }
}
