using ChatApi.Contracts;

namespace ChatApi.Backends.Scripted;

/// <summary>The rules in force, tried in order. A set never changes; adding rules makes a new set sharing the old rules (and their counts).</summary>
public sealed class RuleSet(IReadOnlyList<CompiledRule> rules)
{
    public static RuleSet Empty { get; } = new([]);

    public int Count => rules.Count;

    public IReadOnlyList<CompiledRule> Rules => rules;

    /// <summary>The first rule that matches and still has uses left, counting the use; null falls back to the routed backend.</summary>
    public CompiledRule? Claim(CreateChatCompletionRequest request) =>
        rules.FirstOrDefault(rule => rule.Matches(request) && rule.TryClaim());

    public RuleSet Append(RuleSet more) => new([.. rules, .. more.Rules]);

    /// <summary>The rules as written, in the rules file's shape.</summary>
    public RulesFile ToFile() => new() { Rules = [.. rules.Select(r => r.Source)] };
}
