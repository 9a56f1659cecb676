using System.Text.Json;
using ChatApi.Backends;
using ChatApi.Contracts;
using Microsoft.Extensions.Options;

namespace ChatApi.Models;

/// <summary>
/// Every model name ChatApi serves by name: the configured list, each exact route and alias, and what each upstream's
/// own <c>/v1/models</c> lists that routes back to it (kept as the upstream sent it, cached briefly).
/// </summary>
public sealed class ModelCatalog(IOptions<BackendsOptions> options, IConfiguration configuration, BackendRouter router,
    IHttpClientFactory http, TimeProvider time, ILogger<ModelCatalog> logger)
{
    // A fixed date, so the list is the same on every start.
    const long Created = 1_735_689_600; // 2025-01-01

    static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);
    static readonly TimeSpan AskFor = TimeSpan.FromSeconds(2);

    readonly Lock _gate = new();
    (DateTimeOffset At, IReadOnlyList<JsonElement> Models)? _upstreamModels;

    /// <summary>Each model as its JSON object, ChatApi's names first, without repeats.</summary>
    public async Task<IReadOnlyList<JsonElement>> ListAsync(CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var models = new List<JsonElement>();
        foreach (var name in OwnNames())
        {
            if (seen.Add(name))
                models.Add(JsonSerializer.SerializeToElement(ToModel(name), ChatApiJson.Options));
        }
        foreach (var model in await UpstreamModelsAsync(ct))
        {
            if (model.TryGetProperty("id", out var id) && id.GetString() is { } name && seen.Add(name))
                models.Add(model);
        }
        return models;
    }

    public async Task<JsonElement?> FindAsync(string model, CancellationToken ct) =>
        (await ListAsync(ct)).Cast<JsonElement?>().FirstOrDefault(m => m!.Value.GetProperty("id").GetString() == model);

    IEnumerable<string> OwnNames() =>
        options.Value.Models
            .Concat(options.Value.Routes.Keys.Where(k => !k.EndsWith('*')))
            .Concat(configuration.GetSection("Backends:Aliases").GetChildren().Select(c => c.Key));

    static Model ToModel(string id) => new() { Id = id, Created = Created, OwnedBy = "chatapi" };

    async Task<IReadOnlyList<JsonElement>> UpstreamModelsAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            if (_upstreamModels is { } cached && time.GetUtcNow() - cached.At < CacheFor)
                return cached.Models;
        }
        var upstreams = configuration.GetSection("Backends:Upstreams").GetChildren().Select(s => s.Key).ToList();
        var lists = await Task.WhenAll(upstreams.Select(u => AskAsync(u, ct)));
        IReadOnlyList<JsonElement> models = [.. lists.SelectMany(l => l)];
        lock (_gate)
            _upstreamModels = (time.GetUtcNow(), models);
        return models;
    }

    /// <summary>One upstream's models that a request by that name would reach it; none when it does not answer in time.</summary>
    async Task<IReadOnlyList<JsonElement>> AskAsync(string upstream, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(AskFor);
        try
        {
            using var response = await http.CreateClient($"upstream:{upstream}").GetAsync("models", timeout.Token);
            if (!response.IsSuccessStatusCode)
                return [];
            using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(timeout.Token));
            if (!body.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
                return [];
            return [.. data.EnumerateArray()
                .Where(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                    && Reaches(router.Route(id.GetString()).Name, upstream))
                .Select(m => m.Clone())];
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException && !ct.IsCancellationRequested)
        {
            logger.LogDebug("Upstream {Upstream} did not list its models: {Error}", upstream, e.Message);
            return [];
        }
    }

    bool Reaches(string backend, string upstream) =>
        backend == upstream
        || configuration.GetSection($"Backends:Pools:{backend}:Deployments").GetChildren().Any(d => d["Upstream"] == upstream);
}
