using ChatApi.RateLimits;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Primitives;

namespace ChatApi.Auth;

public static class AuthSetup
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddSingleton<ApiKeys>();
        services.AddScoped<RequestProject>();

        // Registered, so the authentication middleware resolves it from DI rather than by reflection on every request.
        services.AddTransient<ApiKeyAuthenticationHandler>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Admin, p => p.RequireRole(AuthPolicies.AdminRole))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAssertion(IsAllowed).Build());

        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = new ApiKeyRateLimiter();
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RateLimitRejection.WriteAsync;
        });

        services.AddSingleton<BindingGuard>();
        services.AddHostedService(sp => sp.GetRequiredService<BindingGuard>());
        // AllowedHostsFilter does the host check, with OpenAI's error body and a default that depends on the keys.
        services.PostConfigure<HostFilteringOptions>(o => o.AllowedHosts = ["*"]);
        return services;
    }

    /// <summary>The host check, the key check and the rate limits, in that order; after the error handlers, before the endpoints.</summary>
    public static WebApplication UseApiKeys(this WebApplication app)
    {
        var keys = app.Services.GetRequiredService<ApiKeys>(); // a bad key configuration stops the server here
        var guard = app.Services.GetRequiredService<BindingGuard>();
        app.Use((context, next) =>
        {
            if (guard.Checked)
                return next(context);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        StringSegment[] hosts = [.. AllowedHostsFilter.For(app.Configuration, keys).Select(h => new StringSegment(h))];
        if (!hosts.Contains("*"))
            app.UseMiddleware<AllowedHostsFilter>(hosts);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    // The fallback policy, for every endpoint that names none: /v1 needs a key, /admin an admin key, the rest is open.
    static bool IsAllowed(AuthorizationHandlerContext context)
    {
        var path = context.Resource is HttpContext http ? http.Request.Path : PathString.Empty;
        if (path.StartsWithSegments("/admin"))
            return context.User.IsInRole(AuthPolicies.AdminRole);
        if (path.StartsWithSegments("/v1"))
            return context.User.Identity?.IsAuthenticated == true;
        return true;
    }
}
