namespace ChatApi.Backends.Deterministic;

/// <summary>One body sentence of a reply, by the index of each of its parts in <see cref="ReplyText"/>'s lists.</summary>
public readonly record struct BodySentence(int Subject, int Verb, int Object);
