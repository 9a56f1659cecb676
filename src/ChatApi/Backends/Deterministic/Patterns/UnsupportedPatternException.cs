namespace ChatApi.Backends.Deterministic.Patterns;

/// <summary>A pattern the generator cannot make strings for; the message says why, in words that finish OpenAI's schema complaint.</summary>
public sealed class UnsupportedPatternException(string reason) : Exception(reason);
