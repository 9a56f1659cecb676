using System.Text.RegularExpressions;
using ChatApi.Contracts;

namespace ChatApi.Backends.Scripted;

/// <summary>A rule ready to test requests against, with its own count of the requests it answered.</summary>
public sealed class CompiledRule
{
    static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    readonly RuleMatch _match;
    readonly Func<string, bool>? _model;
    readonly Regex? _lastUserMessage;
    readonly int? _times;
    int _used;

    public CompiledRule(ScriptRule rule, int position)
    {
        Source = rule;
        Name = rule.Name ?? $"rule {position}";
        Answer = rule.Answer!;
        _match = rule.Match ?? new RuleMatch();
        _times = rule.Times;
        _model = _match.Model is { } model ? ModelPattern.Compile(model) : null;
        _lastUserMessage = _match.LastUserMessage is { } pattern
            ? new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout)
            : null;
    }

    /// <summary>The rule as written, for reading the rules back.</summary>
    public ScriptRule Source { get; }

    public string Name { get; }

    public RuleAnswer Answer { get; }

    public bool Matches(CreateChatCompletionRequest request)
    {
        var messages = request.Messages ?? [];
        if (_model is not null && !_model(request.Model ?? ""))
            return false;
        if (_match.Stream is { } stream && stream != (request.Stream == true))
            return false;
        if (_match.LastMessageRole is { } role && !string.Equals(messages.LastOrDefault()?.Role, role, StringComparison.Ordinal))
            return false;
        if (_match.Metadata is { } metadata && !metadata.All(pair => request.Metadata?.GetValueOrDefault(pair.Key) == pair.Value))
            return false;
        if (_lastUserMessage is not null)
        {
            var text = messages.LastOrDefault(m => m.Role == MessageRoles.User)?.Content?.PlainText;
            if (text is null || !_lastUserMessage.IsMatch(text))
                return false;
        }
        return true;
    }

    /// <summary>Counts one more answered request; false once <c>times</c> is used up.</summary>
    public bool TryClaim() => _times is not { } times || Interlocked.Increment(ref _used) <= times;

    /// <summary>Forgets the answered requests, so <c>times</c> counts from zero again.</summary>
    public void Restart() => Interlocked.Exchange(ref _used, 0);
}
