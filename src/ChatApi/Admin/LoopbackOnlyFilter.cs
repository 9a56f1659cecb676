using System.Net;
using ChatApi.Errors;

namespace ChatApi.Admin;

/// <summary>
/// Lets only clients on this machine use the admin API: anyone who can reach it can change every answer. A request
/// with no remote address (an in-process test server) is local.
/// </summary>
internal sealed class LoopbackOnlyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.Connection.RemoteIpAddress is not { } remote || IsLoopback(remote))
            return next(context);

        return ValueTask.FromResult<object?>(TypedResults.Json(
            OpenAIErrors.Body($"The admin API accepts only clients on this machine (loopback); this request came from {remote}.", code: "admin_loopback_only"),
            statusCode: StatusCodes.Status403Forbidden));
    }

    static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
