namespace ChatApi.Backends.Scripted;

/// <summary>The root of a rules file: the rules in the order they are tried.</summary>
public sealed record RulesFile
{
    public IReadOnlyList<ScriptRule>? Rules { get; init; }
}
