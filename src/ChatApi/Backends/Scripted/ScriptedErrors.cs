using ChatApi.Contracts;
using ChatApi.Errors;

namespace ChatApi.Backends.Scripted;

/// <summary>A rule's error as the exception the error handler writes, filled in with OpenAI's usual wording per status.</summary>
public static class ScriptedErrors
{
    public static BackendException ToException(ScriptedError error, string model)
    {
        var status = error.Status ?? 500;
        var (message, type, code) = Defaults(status, model, error.RetryAfter);
        return new BackendException(
            status,
            new Error(error.Message ?? message, error.Type ?? type, error.Param, error.Code ?? code),
            error.RetryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
    }

    static (string Message, string Type, string? Code) Defaults(int status, string model, double? retryAfter) => status switch
    {
        400 => ("Invalid request.", OpenAIErrors.InvalidRequest, null),
        401 => ("Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.", OpenAIErrors.InvalidRequest, "invalid_api_key"),
        403 => ("You are not allowed to sample from this model.", OpenAIErrors.InvalidRequest, null),
        404 => ($"The model `{model}` does not exist or you do not have access to it.", OpenAIErrors.InvalidRequest, "model_not_found"),
        429 => ($"Rate limit reached for {model} on requests per min (RPM): Limit 1, Used 1, Requested 1. " +
                $"Please try again in {retryAfter ?? 1}s. Visit https://platform.openai.com/account/rate-limits to learn more.", "requests", "rate_limit_exceeded"),
        503 => ("The engine is currently overloaded, please try again later.", "server_error", null),
        >= 500 => ("The server had an error while processing your request. Sorry about that!", "server_error", null),
        _ => ($"Request failed with status {status}.", OpenAIErrors.InvalidRequest, null),
    };
}
