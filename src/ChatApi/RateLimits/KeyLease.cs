using System.Threading.RateLimiting;

namespace ChatApi.RateLimits;

/// <summary>A request's place under its key's limits, held until the request (a stream included) has ended.</summary>
internal sealed class KeyLease(KeyLimits limits, Admission admission) : RateLimitLease
{
    public static readonly MetadataName<Refusal> RefusalName = MetadataName.Create<Refusal>("chatapi.refusal");
    public static readonly MetadataName<RateLimitHeaders> HeadersName = MetadataName.Create<RateLimitHeaders>("chatapi.headers");

    int _released;

    public override bool IsAcquired => admission.IsAdmitted;

    public override IEnumerable<string> MetadataNames =>
        admission.IsAdmitted ? [HeadersName.Name] : [RefusalName.Name, HeadersName.Name, MetadataName.RetryAfter.Name];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = metadataName switch
        {
            _ when metadataName == HeadersName.Name => admission.Headers,
            _ when metadataName == RefusalName.Name => admission.Refusal,
            _ when metadataName == MetadataName.RetryAfter.Name => admission.Refusal?.RetryAfter,
            _ => null,
        };
        return metadata is not null;
    }

    protected override void Dispose(bool disposing)
    {
        if (admission.IsAdmitted && Interlocked.Exchange(ref _released, 1) == 0)
            limits.Release();
    }
}
