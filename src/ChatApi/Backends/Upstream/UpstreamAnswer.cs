namespace ChatApi.Backends.Upstream;

/// <summary>An upstream's response (headers received, body unread) and the deployment that sent it.</summary>
public sealed record UpstreamAnswer(HttpResponseMessage Response, Deployment Deployment) : IDisposable
{
    public void Dispose() => Response.Dispose();
}
