using ChatApi.Contracts;

namespace ChatApi.Backends;

/// <summary>
/// A backend's refusal to answer, sent to the client as OpenAI's error shape with this status; or, for an upstream's
/// own error, its body and headers as received.
/// </summary>
public sealed class BackendException(int status, Error error, TimeSpan? retryAfter = null) : Exception(error.Message)
{
    public int Status { get; } = status;
    public Error Error { get; } = error;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>An upstream's error body exactly as it sent it; written instead of <see cref="Error"/> when set.</summary>
    public RelayedJson? Relayed { get; init; }

    /// <summary>Response headers for the client (Retry-After, rate limits, the upstream's request id…).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
}
