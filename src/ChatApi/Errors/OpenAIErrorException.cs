using ChatApi.Contracts;

namespace ChatApi.Errors;

/// <summary>
/// A backend's refusal to answer, sent to the client as OpenAI's error body with <paramref name="Status"/>.
/// Thrown before a stream's first byte; <see cref="OpenAIErrorExceptionHandler"/> writes it.
/// </summary>
public sealed class OpenAIErrorException(int status, Error error, TimeSpan? retryAfter = null)
    : Exception(error.Message)
{
    public int Status { get; } = status;
    public Error Error { get; } = error;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
