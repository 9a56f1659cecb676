namespace ChatApi.Backends;

/// <summary>One input to embed: its text (token arrays decoded) and how many tokens it is.</summary>
public sealed record EmbeddingInput(string Text, int Tokens);
