using ChatApi.Contracts;
using Microsoft.AspNetCore.Diagnostics;

namespace ChatApi.Errors;

/// <summary>Gives bodiless error statuses (unknown route, wrong method, a body that is not JSON) OpenAI's error shape.</summary>
internal static class StatusCodeErrors
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var request = $"{Excerpt.Of(http.Request.Method, 10)} {Excerpt.Of(http.Request.Path.Value, 100)}";
        var message = http.Response.StatusCode switch
        {
            404 => $"Invalid URL ({request})",
            405 => $"Method not allowed ({request})",
            415 => OpenAIErrors.JsonContentTypeRequired,
            _ => $"Request failed with status {http.Response.StatusCode} ({request})",
        };
        await http.Response.WriteAsJsonAsync(OpenAIErrors.Body(message), ChatApiJson.Options, http.RequestAborted);
    }
}
