using ChatApi.Contracts;

namespace ChatApi.Backends;

/// <summary>A backend's refusal to answer, sent to the client as OpenAI's error shape with this status.</summary>
public sealed class BackendException(int status, Error error, TimeSpan? retryAfter = null) : Exception(error.Message)
{
    public int Status { get; } = status;
    public Error Error { get; } = error;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
