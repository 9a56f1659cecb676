namespace ChatApi.Storage;

/// <summary>One page of a cursor walk; <see cref="HasMore"/> comes from fetching one row past the limit.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, bool HasMore);
