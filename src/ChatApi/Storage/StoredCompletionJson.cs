namespace ChatApi.Storage;

/// <summary>A stored completion as its wire JSON, ready to be written as it is.</summary>
public sealed record StoredCompletionJson(string Id, string Json);
