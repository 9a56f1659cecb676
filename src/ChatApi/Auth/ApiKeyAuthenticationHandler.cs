using System.Security.Claims;
using System.Text.Encodings.Web;
using ChatApi.Contracts;
using ChatApi.Errors;
using ChatApi.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ChatApi.Auth;

/// <summary>
/// <c>Authorization: Bearer KEY</c> against <see cref="ApiKeys"/>. Sets the request's <see cref="RequestProject"/>
/// and puts the <see cref="ApiKey"/> in the request's features for the rate limiter. Without keys every request
/// is let in as the default project with every project visible.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys, RequestProject project)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    static readonly AuthenticationTicket Open = Ticket(ProjectScope.DefaultProject, admin: true, "no keys configured");

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!keys.Enabled)
        {
            project.Set(ProjectScope.DefaultProject, seesAllProjects: true);
            return Task.FromResult(AuthenticateResult.Success(Open));
        }

        var header = Request.Headers.Authorization;
        if (header.Count == 0)
            return Task.FromResult(AuthenticateResult.NoResult());
        var value = header.Count == 1 ? header[0].AsSpan() : [];
        if (!value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || value[7..].Trim().IsEmpty)
            return Task.FromResult(AuthenticateResult.Fail(ApiKeyMessages.Malformed));

        var presented = value[7..].Trim();
        if (keys.Find(presented) is not { } key)
            return Task.FromResult(AuthenticateResult.Fail(ApiKeyMessages.Incorrect(presented)));

        project.Set(key.Project, key.Admin);
        Context.Features.Set(key);
        return Task.FromResult(AuthenticateResult.Success(key.Ticket ??= Ticket(key.Project, key.Admin, key.Source)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var message = result.Failure?.Message ?? ApiKeyMessages.Missing;
        await Response.WriteAsJsonAsync(OpenAIErrors.Body(message, code: ApiKeyMessages.Code), ChatApiJson.Options, Context.RequestAborted);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Response.WriteAsJsonAsync(OpenAIErrors.Body(ApiKeyMessages.NeedsAdmin, code: "insufficient_permissions"), ChatApiJson.Options, Context.RequestAborted);
    }

    // One ticket per key, built once: the principal is never changed after authentication.
    static AuthenticationTicket Ticket(string projectName, bool admin, string name)
    {
        List<Claim> claims = [new(ClaimTypes.Name, name), new(AuthPolicies.ProjectClaim, projectName)];
        if (admin)
            claims.Add(new Claim(ClaimTypes.Role, AuthPolicies.AdminRole));
        return new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName);
    }
}
