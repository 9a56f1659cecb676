using ChatApi.Contracts;
using ChatApi.Errors;
using Microsoft.Extensions.Primitives;

namespace ChatApi.Auth;

/// <summary>
/// <c>AllowedHosts</c> with OpenAI's error shape. Without keys (and without <c>Auth:AllowAnonymous</c>) it defaults to
/// the loopback names, so a page that rebinds its own DNS name to 127.0.0.1 gets 400 instead of the stored data;
/// with keys it defaults to any host, as a key is then what keeps strangers out. ASP.NET Core's own host filter
/// is set to allow everything, so that this is the only one.
/// </summary>
internal sealed class AllowedHostsFilter(RequestDelegate next, StringSegment[] allowed)
{
    public const string Key = "AllowedHosts";
    public static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    const string Message = "Invalid Host header: this server only answers requests for the host names in its AllowedHosts setting.";

    public Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Headers.Host.ToString();
        if (host.Length == 0 || HostString.MatchesAny(host, allowed))
            return next(context);

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return context.Response.WriteAsJsonAsync(OpenAIErrors.Body(Message, code: "invalid_host"), ChatApiJson.Options, context.RequestAborted);
    }

    public static IReadOnlyList<string> For(IConfiguration configuration, ApiKeys keys)
    {
        var configured = configuration[Key]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (configured is { Length: > 0 })
            return configured;
        return keys.Enabled || keys.AllowAnonymous ? ["*"] : LoopbackHosts;
    }
}
