using ChatApi.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatApi.Errors;

/// <summary>OpenAI's error bodies, <c>{"error":{"message","type","param","code"}}</c>.</summary>
public static class OpenAIErrors
{
    public const string InvalidRequest = "invalid_request_error";

    public static ErrorResponse Body(string message, string? param = null, string? code = null, string type = InvalidRequest) =>
        new(new Error(message, type, param, code));

    public static BadRequest<ErrorResponse> BadRequest(string message, string? param = null, string? code = null) =>
        TypedResults.BadRequest(Body(message, param, code));

    public static BadRequest<ErrorResponse> BadRequest(Error error) => TypedResults.BadRequest(new ErrorResponse(error));

    public static NotFound<ErrorResponse> NotFound(string message, string? param = null) =>
        TypedResults.NotFound(Body(message, param));

    public const string UnparsableBody =
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. " +
        "The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)";

    public const string JsonContentTypeRequired =
        "Unsupported content type: send the request body as JSON with the header 'Content-Type: application/json'.";
}
