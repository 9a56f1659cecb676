namespace ChatApi.Backends.Scripted;

/// <summary>An HTTP error in OpenAI's shape; what is not given takes OpenAI's usual wording for the status.</summary>
public sealed record ScriptedError
{
    /// <summary>The HTTP status; 500 when not given.</summary>
    public int? Status { get; init; }
    public string? Message { get; init; }
    public string? Type { get; init; }
    public string? Param { get; init; }
    public string? Code { get; init; }

    /// <summary>Seconds for the <c>Retry-After</c> header (and <c>retry-after-ms</c>); fractions allowed.</summary>
    public double? RetryAfter { get; init; }
}
