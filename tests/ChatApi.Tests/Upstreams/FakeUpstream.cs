using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatApi.Tests.Upstreams;

/// <summary>
/// A model server on a real 127.0.0.1 socket that answers, and fails, as vLLM, llama.cpp and OpenAI do: each request
/// gets the next scripted reply (the last one repeats), and every request it received is kept as sent.
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ConcurrentQueue<UpstreamReply> _replies;
    UpstreamReply _last;

    FakeUpstream(WebApplication app, UpstreamReply[] replies)
    {
        _app = app;
        _replies = new ConcurrentQueue<UpstreamReply>(replies);
        _last = replies[^1];
    }

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>Requests whose client (ChatApi) went away before the reply was finished.</summary>
    public int Abandoned;

    public static async Task<FakeUpstream> StartAsync(params UpstreamReply[] replies)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var upstream = new FakeUpstream(app, replies);
        app.MapPost("/v1/{**path}", upstream.AnswerAsync);
        app.MapGet("/v1/models", () => Results.Text("""{"object":"list","data":[{"id":"meta-llama/Llama-3.1-8B-Instruct","object":"model","created":1,"owned_by":"vllm"}]}""", "application/json"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        upstream.BaseUrl = new Uri(address.TrimEnd('/') + "/v1");
        return upstream;
    }

    public IReadOnlyList<ReceivedRequest> Requests => [.. Received];

    async Task AnswerAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        Received.Enqueue(new ReceivedRequest(http.Request.Path, JsonNode.Parse(text)!.AsObject(), http.Request.Headers.Authorization.ToString()));
        var reply = _replies.TryDequeue(out var next) ? _last = next : _last;
        try
        {
            await reply.WriteAsync(http);
        }
        catch (Exception e) when (e is not UpstreamReply.StreamCutByUpstream && http.RequestAborted.IsCancellationRequested)
        {
            Interlocked.Increment(ref Abandoned);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedRequest(string Path, JsonObject Body, string Authorization);
