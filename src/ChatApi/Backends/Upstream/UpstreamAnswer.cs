namespace ChatApi.Backends.Upstream;

/// <summary>An upstream's response (headers received, body unread) and the deployment that sent it, in flight until disposed.</summary>
public sealed record UpstreamAnswer(HttpResponseMessage Response, Deployment Deployment, IDisposable InFlight) : IDisposable
{
    public void Dispose()
    {
        Response.Dispose();
        InFlight.Dispose();
    }
}
