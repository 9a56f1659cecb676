namespace ChatApi.Contracts;

/// <summary>OpenAI's error body; all four fields are always written.</summary>
public sealed record Error(string Message, string Type, string? Param, string? Code);
