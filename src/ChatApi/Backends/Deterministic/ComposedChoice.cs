using ChatApi.Contracts;

namespace ChatApi.Backends.Deterministic;

/// <summary>A generated choice, what it cost in tokens, and its content already split into tokens for streaming.</summary>
public sealed record ComposedChoice(ChatCompletionChoice Choice, int Tokens, IReadOnlyList<string> ContentTokens);
