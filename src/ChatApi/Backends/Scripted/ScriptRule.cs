namespace ChatApi.Backends.Scripted;

/// <summary>One rule: when a request matches, answer it this way, at most <see cref="Times"/> times.</summary>
public sealed record ScriptRule
{
    /// <summary>Shown in logs; defaults to the rule's position.</summary>
    public string? Name { get; init; }

    /// <summary>None matches every request.</summary>
    public RuleMatch? Match { get; init; }

    /// <summary>How many requests this rule answers before it stops matching; none means every one.</summary>
    public int? Times { get; init; }

    public RuleAnswer? Answer { get; init; }
}
