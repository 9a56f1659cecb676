namespace ChatApi.Auth;

/// <summary>One entry of <c>Auth:Keys</c> (or of the keys file, which may hold only <see cref="KeySha256"/>).</summary>
public sealed class ApiKeyOptions
{
    public string? Key { get; set; }

    /// <summary>The key's SHA-256 as 64 hex digits, so the key itself need not be written down.</summary>
    public string? KeySha256 { get; set; }

    public string? Project { get; set; }

    /// <summary>Sees every project's stored data and may call <c>/admin</c>; needs no project.</summary>
    public bool Admin { get; set; }

    public int? RequestsPerMinute { get; set; }
    public int? TokensPerMinute { get; set; }
    public int? MaxConcurrentRequests { get; set; }
}
