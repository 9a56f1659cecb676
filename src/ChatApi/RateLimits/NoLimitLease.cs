using System.Threading.RateLimiting;

namespace ChatApi.RateLimits;

/// <summary>The lease of a request whose key has no limits (or of a server without keys): nothing to hold.</summary>
internal sealed class NoLimitLease : RateLimitLease
{
    public static readonly NoLimitLease Instance = new();

    public override bool IsAcquired => true;

    public override IEnumerable<string> MetadataNames => [];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = null;
        return false;
    }
}
