namespace ChatApi.Limits;

/// <summary>
/// The bounds on the work one request may cause (section <c>Limits</c>); docs/limits.md explains each.
/// The defaults follow OpenAI where it documents a limit.
/// </summary>
public sealed class LimitsOptions
{
    public static LimitsOptions Default { get; } = new();

    /// <summary>A request body above this many bytes is refused with 413 before it is read.</summary>
    public long MaxRequestBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The most messages one request may carry.</summary>
    public int MaxMessages { get; set; } = 2048;

    /// <summary>The longest string a message may carry, in characters (OpenAI's 10 MiB).</summary>
    public int MaxStringLength { get; set; } = 10 * 1024 * 1024;

    /// <summary>The most tokens one choice may generate, whatever the request asks for: the model's context size.</summary>
    public int MaxCompletionTokens { get; set; } = 128_000;

    /// <summary>
    /// The most tokens one response may carry in all: each generated token counts once per choice and once more for each of
    /// its <c>top_logprobs</c> alternatives, so <c>n</c> × length × logprobs cannot make a response of hundreds of megabytes.
    /// </summary>
    public int MaxResponseTokens { get; set; } = 400_000;

    /// <summary>A stream whose client has not taken a write for this long is ended, and its memory released.</summary>
    public int StalledWriterSeconds { get; set; } = 30;
}
