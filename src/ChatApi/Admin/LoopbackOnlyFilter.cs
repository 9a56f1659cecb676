using ChatApi.Errors;
using ChatApi.Http;

namespace ChatApi.Admin;

/// <summary>
/// Without API keys, lets only clients on this machine use the admin API: anyone who can reach it can change every
/// answer. With keys, the admin key (<see cref="Auth.AuthPolicies.Admin"/>) guards it instead, from anywhere. A request
/// with no remote address (an in-process test server) is local.
/// </summary>
internal sealed class LoopbackOnlyFilter(Auth.ApiKeys keys) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (keys.Enabled || context.HttpContext.Connection.RemoteIpAddress is not { } remote || Loopback.Is(remote))
            return next(context);

        return ValueTask.FromResult<object?>(TypedResults.Json(
            OpenAIErrors.Body($"The admin API accepts only clients on this machine (loopback); this request came from {remote}.", code: "admin_loopback_only"),
            statusCode: StatusCodes.Status403Forbidden));
    }
}
