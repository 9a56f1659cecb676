using System.Text;
using Microsoft.AspNetCore.Http;

namespace ChatApi.Tests.Upstreams;

/// <summary>One scripted reply of a <see cref="FakeUpstream"/>.</summary>
public abstract record UpstreamReply
{
    public abstract Task WriteAsync(HttpContext http);

    /// <summary>A body with a status and headers, written as given.</summary>
    public static UpstreamReply Body(string body, int status = 200, string contentType = "application/json", params (string Name, string Value)[] headers) =>
        new BodyReply(body, status, contentType, headers);

    /// <summary>An SSE stream of these <c>data</c> payloads; <c>[DONE]</c> last unless <paramref name="done"/> is false.</summary>
    public static UpstreamReply Events(IEnumerable<string> data, bool done = true, TimeSpan? stallAfter = null, int stallAt = int.MaxValue, params (string Name, string Value)[] headers) =>
        new EventsReply([.. data], done, stallAfter ?? TimeSpan.Zero, stallAt, headers);

    /// <summary>Never answers: holds the request until the client gives up.</summary>
    public static UpstreamReply Hang() => new HangReply();

    sealed record BodyReply(string Text, int Status, string ContentType, (string Name, string Value)[] Headers) : UpstreamReply
    {
        public override async Task WriteAsync(HttpContext http)
        {
            http.Response.StatusCode = Status;
            http.Response.ContentType = ContentType;
            foreach (var (name, value) in Headers)
                http.Response.Headers[name] = value;
            await http.Response.WriteAsync(Text, http.RequestAborted);
        }
    }

    sealed record EventsReply(string[] Data, bool Done, TimeSpan Stall, int StallAt, (string Name, string Value)[] Headers) : UpstreamReply
    {
        public override async Task WriteAsync(HttpContext http)
        {
            http.Response.ContentType = "text/event-stream";
            foreach (var (name, value) in Headers)
                http.Response.Headers[name] = value;
            for (var i = 0; i < Data.Length; i++)
            {
                if (i == StallAt)
                    await Task.Delay(Stall, http.RequestAborted);
                await http.Response.WriteAsync($"data: {Data[i]}\n\n", http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
            }
            if (!Done)
                throw new StreamCutByUpstream(); // Kestrel resets a started response on a throw, as a crashed server would
            await http.Response.WriteAsync("data: [DONE]\n\n", http.RequestAborted);
        }
    }

    /// <summary>Thrown to cut a stream mid-way; the fake lets it reach Kestrel.</summary>
    public sealed class StreamCutByUpstream : Exception;

    sealed record HangReply : UpstreamReply
    {
        public override Task WriteAsync(HttpContext http) => Task.Delay(Timeout.Infinite, http.RequestAborted);
    }
}
