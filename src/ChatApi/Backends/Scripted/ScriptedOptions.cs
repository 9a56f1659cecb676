namespace ChatApi.Backends.Scripted;

/// <summary>Section <c>Scripted</c>: where the rules file for scripted answers is.</summary>
public sealed class ScriptedOptions
{
    /// <summary>A <c>.json</c>, <c>.yaml</c> or <c>.yml</c> rules file, reloaded when it changes; none means no scripted answers.</summary>
    public string? RulesPath { get; set; }
}
