using ChatApi.Backends.Tokens;

namespace ChatApi.Backends.Scripted;

/// <summary>Puts the scripted rules in front of a routed backend, when a rules file is configured.</summary>
public sealed class ScriptedAnswers(ScriptedRules rules, TokenCounter tokens, TimeProvider time, IHttpContextAccessor http, ILogger<ScriptedBackend> logger)
{
    public IChatBackend InFrontOf(IChatBackend routed) =>
        rules.Enabled ? new ScriptedBackend(routed, rules, tokens, time, http, logger) : routed;
}
