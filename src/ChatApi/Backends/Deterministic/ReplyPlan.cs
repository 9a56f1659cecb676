namespace ChatApi.Backends.Deterministic;

/// <summary>The phrases a seed picks for a reply, by their index in <see cref="ReplyText"/>'s lists; the topic is the only free text.</summary>
public sealed record ReplyPlan(int Opening, string? Topic, IReadOnlyList<BodySentence> Body, int Closing);
