using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ChatApi.Tests.Auth;
using ChatApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ChatApi.Tests.Telemetry;

/// <summary>What an OpenTelemetry backend receives: spans and metrics from the server's own pipeline, caught by in-memory exporters.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task StoredCompletion_Traced_SpanCarriesGenAiAttributesWithStorageChildren()
    {
        var spans = new List<Activity>();
        await using var app = new ChatApiFactory(new() { ["Telemetry:Traces"] = "true" });
        await using var traced = Traced(app, spans, []);
        var model = UniqueModel();

        var reply = await traced.CreateClient().CreateStoredAsync(model: model);

        var chat = await WaitForSpanAsync(spans, s => s.DisplayName == $"chat {model}");
        var usage = reply.GetProperty("usage");
        Assert.Equal("chat", chat.GetTagItem("gen_ai.operation.name"));
        Assert.Equal(model, chat.GetTagItem("gen_ai.request.model"));
        Assert.Equal(reply.GetProperty("model").GetString(), chat.GetTagItem("gen_ai.response.model"));
        Assert.Equal(reply.GetProperty("id").GetString(), chat.GetTagItem("gen_ai.response.id"));
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32(), chat.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(usage.GetProperty("completion_tokens").GetInt32(), chat.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(["stop"], (string[])chat.GetTagItem("gen_ai.response.finish_reasons")!);
        Assert.Equal("deterministic", chat.GetTagItem("chatapi.backend"));

        var server = await WaitForSpanAsync(spans, s => s.SpanId == chat.ParentSpanId);
        Assert.Equal(ActivityKind.Server, server.Kind);
        var store = await WaitForSpanAsync(spans, s => s.DisplayName == "chatapi.store" && s.ParentSpanId == chat.SpanId);
        var commit = await WaitForSpanAsync(spans, s => s.DisplayName == "chatapi.storage.commit" && s.Links.Any(l => l.Context.SpanId == store.SpanId));
        Assert.True((int)commit.GetTagItem("chatapi.storage.batch_size")! >= 1);
    }

    [Fact]
    public async Task UpstreamCompletion_Traced_HttpClientSpanIsAChildOfTheCompletion()
    {
        await using var upstream = new ChatApiFactory();
        var upstreamBase = upstream.StartOnLoopback();
        var spans = new List<Activity>();
        var model = UniqueModel();
        await using var app = new ChatApiFactory(new()
        {
            ["Telemetry:Traces"] = "true",
            ["Backends:Routes:" + model] = "local",
            ["Backends:Upstreams:local:BaseUrl"] = new Uri(upstreamBase, "/v1").ToString(),
        });
        await using var traced = Traced(app, spans, []);

        var reply = await traced.CreateClient().CompleteAsync(Requests.Chat(model: model));

        // The upstream runs in this process too, so its own spans (children of the call, by trace propagation) are here as well.
        var call = await WaitForSpanAsync(spans, s => s.Kind == ActivityKind.Client && s.GetTagItem("server.port") is int port && port == upstreamBase.Port);
        Assert.Equal("POST", call.GetTagItem("http.request.method"));
        Assert.Equal(200, call.GetTagItem("http.response.status_code"));
        var chat = await WaitForSpanAsync(spans, s => s.SpanId == call.ParentSpanId);
        Assert.Equal($"chat {model}", chat.DisplayName);
        Assert.Equal("local", chat.GetTagItem("chatapi.backend"));
        // Read from the relayed JSON as received.
        Assert.Equal(reply.GetProperty("id").GetString(), chat.GetTagItem("gen_ai.response.id"));
        Assert.Equal(reply.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), chat.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(["stop"], (string[])chat.GetTagItem("gen_ai.response.finish_reasons")!);
    }

    [Fact]
    public async Task Completions_Measured_GenAiMetricsRecorded()
    {
        var metrics = new List<Metric>();
        await using var app = new ChatApiFactory();
        await using var measured = Traced(app, [], metrics);
        var client = measured.CreateClient();
        var model = UniqueModel();

        var reply = await client.CreateStoredAsync(model: model);
        await ReadStreamAsync(client, Requests.Chat("Tell me a story of 40 words.", model).With("stream", true).With("stream_options", new JsonObject { ["include_usage"] = true }));
        measured.Services.GetRequiredService<MeterProvider>().ForceFlush();

        Assert.Equal(2, Count(metrics, "gen_ai.server.request.duration", model));
        Assert.Equal(1, Count(metrics, "gen_ai.server.time_to_first_token", model));
        Assert.Equal(1, Count(metrics, "gen_ai.server.time_per_output_token", model));
        Assert.Equal(2, Count(metrics, "gen_ai.client.token.usage", model, ("gen_ai.token.type", "input")));
        var storedInput = reply.GetProperty("usage").GetProperty("prompt_tokens").GetInt32();
        // The stored reply's prompt tokens plus the stream's.
        Assert.True(Sum(metrics, "gen_ai.client.token.usage", model, ("gen_ai.token.type", "input")) > storedInput);
        Assert.Contains(metrics, m => m.Name == "chatapi.storage.batch_size");
        Assert.Contains(metrics, m => m.Name == "chatapi.storage.commit.duration");
        Assert.Contains(metrics, m => m.Name == "http.server.request.duration");
    }

    [Fact]
    public async Task MetricsEndpoint_ScrapedOnLoopback_ListsGenAiMetrics()
    {
        await using var app = new ChatApiFactory();
        var client = new HttpClient { BaseAddress = app.StartOnLoopback() };
        await client.CreateStoredAsync(model: UniqueModel());
        await ReadStreamAsync(client, Requests.Chat("Count to twenty.").With("stream", true));

        using var response = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var name in new[]
        {
            "gen_ai_server_request_duration_seconds_bucket", "gen_ai_server_time_to_first_token_seconds_bucket",
            "gen_ai_server_time_per_output_token_seconds_bucket", "gen_ai_client_token_usage",
            "chatapi_storage_batch_size", "chatapi_storage_commit_duration_seconds", "http_server_request_duration_seconds",
        })
            Assert.Contains(name, text);
        Assert.Contains("gen_ai_token_type=\"output\"", text);
    }

    [Fact]
    public async Task MetricsEndpoint_NotFromLoopback_IsNotFound()
    {
        // The in-process test server has no remote address, as a request from anywhere but loopback.
        await using var app = new ChatApiFactory();

        using var response = await app.CreateClient().GetAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task MetricsEndpoint_WithKeys_AdminKeyScrapesFromAnywhere_ProjectKeyDoesNot()
    {
        // No remote address: not loopback, so only the key can open it.
        await using var app = new ChatApiFactory(TeamKeys.Settings());
        await app.ClientWithKey(TeamKeys.Red).CreateStoredAsync();

        using var admin = await app.ClientWithKey(TeamKeys.Admin).GetAsync("/metrics", TestContext.Current.CancellationToken);
        using var project = await app.ClientWithKey(TeamKeys.Red).GetAsync("/metrics", TestContext.Current.CancellationToken);
        using var none = await app.CreateClient().GetAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains("gen_ai_client_token_usage", await admin.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, project.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task TelemetryDisabled_MetricsEndpointIsGone()
    {
        await using var app = new ChatApiFactory(new() { ["Telemetry:Enabled"] = "false" });
        var client = new HttpClient { BaseAddress = app.StartOnLoopback() };

        using var response = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    static WebApplicationFactory<Program> Traced(ChatApiFactory app, List<Activity> spans, List<Metric> metrics) =>
        app.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
            services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
        }));

    // Each test its own model name, so that measurements of tests running beside it do not count.
    static string UniqueModel() => $"gpt-4o-{Guid.NewGuid():N}"[..20];

    static async Task ReadStreamAsync(HttpClient client, JsonObject body)
    {
        using var response = await client.PostAsync("/v1/chat/completions", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data: [DONE]", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    static async Task<Activity> WaitForSpanAsync(List<Activity> spans, Func<Activity, bool> match)
    {
        // Spans are exported as they end, which can be just after the client has its answer.
        for (var i = 0; i < 100; i++)
        {
            lock (spans)
            {
                if (spans.FirstOrDefault(match) is { } found)
                    return found;
            }
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        lock (spans)
            Assert.Fail($"No such span among: {string.Join(", ", spans.Select(s => s.DisplayName))}");
        return null!;
    }

    static IEnumerable<MetricPoint> Points(List<Metric> metrics, string name, string model, (string Key, string Value)? tag)
    {
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, object?>();
                foreach (var t in point.Tags)
                    tags[t.Key] = t.Value;
                if (Equals(tags.GetValueOrDefault("gen_ai.request.model"), model) && (tag is null || Equals(tags.GetValueOrDefault(tag.Value.Key), tag.Value.Value)))
                    yield return point;
            }
        }
    }

    static long Count(List<Metric> metrics, string name, string model, (string Key, string Value)? tag = null) =>
        Points(metrics, name, model, tag).Sum(p => p.GetHistogramCount());

    static double Sum(List<Metric> metrics, string name, string model, (string Key, string Value)? tag = null) =>
        Points(metrics, name, model, tag).Sum(p => p.GetHistogramSum());

    /// <summary>What <c>/metrics</c> and the admin API count as this machine: a dual-stack listener sees 127.0.0.1 as ::ffff:127.0.0.1.</summary>
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("::ffff:10.0.0.7", false)]
    [InlineData("192.168.1.20", false)]
    public void Loopback_MappedAddresses_CountAsLocal(string address, bool local) =>
        Assert.Equal(local, ChatApi.Http.Loopback.Is(System.Net.IPAddress.Parse(address)));
}
