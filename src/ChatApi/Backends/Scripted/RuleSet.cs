using ChatApi.Contracts;

namespace ChatApi.Backends.Scripted;

/// <summary>The rules of one version of the file, tried in order.</summary>
public sealed class RuleSet(IReadOnlyList<CompiledRule> rules)
{
    public static RuleSet Empty { get; } = new([]);

    public int Count => rules.Count;

    /// <summary>The first rule that matches and still has uses left, counting the use; null falls back to the routed backend.</summary>
    public CompiledRule? Claim(CreateChatCompletionRequest request) =>
        rules.FirstOrDefault(rule => rule.Matches(request) && rule.TryClaim());
}
