using ChatApi.RateLimits;

namespace ChatApi.Auth;

/// <summary>A configured key: its hash, its project and its limits. One instance per key for the server's lifetime.</summary>
public sealed class ApiKey
{
    public required string Source { get; init; }     // e.g. "Auth:Keys:0", for messages
    public required byte[] Sha256 { get; init; }
    public required string Project { get; init; }
    public bool Admin { get; init; }
    public KeyLimits? Limits { get; init; }

    // Built on first use by the authentication handler.
    internal Microsoft.AspNetCore.Authentication.AuthenticationTicket? Ticket { get; set; }
}
