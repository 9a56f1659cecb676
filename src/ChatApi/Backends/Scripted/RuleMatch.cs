namespace ChatApi.Backends.Scripted;

/// <summary>The conditions a request must all meet; an empty match matches everything.</summary>
public sealed record RuleMatch
{
    /// <summary>The model name, exactly or as a glob with <c>*</c> and <c>?</c>.</summary>
    public string? Model { get; init; }

    /// <summary>A regular expression searched for in the text of the last user message.</summary>
    public string? LastUserMessage { get; init; }

    /// <summary>The role of the last message, e.g. <c>tool</c> once a tool result came back.</summary>
    public string? LastMessageRole { get; init; }

    /// <summary>Key/value pairs the request's <c>metadata</c> must all contain.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Whether the request asked for <c>stream: true</c>.</summary>
    public bool? Stream { get; init; }
}
