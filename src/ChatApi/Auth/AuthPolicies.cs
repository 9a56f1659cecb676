namespace ChatApi.Auth;

/// <summary>
/// Authorization policy names. Every <c>/v1</c> route needs a key (the fallback policy) without asking;
/// an <c>/admin</c> route group adds <c>.RequireAuthorization(AuthPolicies.Admin)</c>.
/// </summary>
public static class AuthPolicies
{
    /// <summary>An admin key (<c>Auth:Keys:{i}:Admin=true</c>), or any request when no keys are configured.</summary>
    public const string Admin = "Admin";

    public const string AdminRole = "admin";
    public const string ProjectClaim = "chatapi:project";
}
