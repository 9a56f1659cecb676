using ChatApi.Backends.Recording;
using ChatApi.Backends.Scripted;
using Microsoft.Extensions.Options;

namespace ChatApi.Backends;

/// <summary>
/// Picks the backend for a model name from the <c>Backends</c> options: an exact route first, then the longest
/// matching prefix route (<c>gpt-4o*</c>), then the default; inside its recording (cassettes), if any, behind the
/// scripted rules, if any.
/// </summary>
public sealed class BackendRouter(IOptions<BackendsOptions> options, IServiceProvider services, ScriptedAnswers scripted, Recordings recordings)
{
    readonly BackendsOptions _options = options.Value;

    public IChatBackend Resolve(string model) => Route(model).Backend;

    public BackendRoute Route(string? model)
    {
        var name = BackendNameFor(model ?? "");
        var backend = services.GetRequiredKeyedService<IChatBackend>(name);
        // Rules answer before the recording: a scripted answer is the test's own, not the backend's to record.
        return new BackendRoute(scripted.InFrontOf(recordings.Around(name, backend)), name, name != BackendNames.Deterministic);
    }

    /// <summary>The upstream relay of other JSON calls (embeddings) the model routes to, inside its recording; null for the built-in backend.</summary>
    public IJsonForwarder? Forwarder(string model)
    {
        var name = BackendNameFor(model);
        return services.GetKeyedService<IChatBackend>(name) is IJsonForwarder forwarder ? recordings.Around(name, forwarder) : null;
    }

    /// <summary>The relay of <c>/v1/responses</c> the model routes to, inside its recording; null when its backend does not speak the Responses API.</summary>
    public IChatBackend? ResponsesRelay(string model)
    {
        var name = BackendNameFor(model);
        return services.GetKeyedService<IChatBackend>(Upstream.ResponsesModes.RelayKey(name)) is { } relay
            ? recordings.Around(name, relay, CassetteEndpoints.Responses)
            : null;
    }

    /// <summary>The embeddings backend routed for the model, or null when that backend has no embeddings.</summary>
    public IEmbeddingsBackend? ResolveEmbeddings(string model) =>
        services.GetKeyedService<IEmbeddingsBackend>(BackendNameFor(model));

    string BackendNameFor(string model)
    {
        if (_options.Routes.TryGetValue(model, out var exact))
            return exact;

        return _options.Routes
            .Where(r => r.Key.EndsWith('*') && model.StartsWith(r.Key[..^1], StringComparison.Ordinal))
            .OrderByDescending(r => r.Key.Length)
            .Select(r => r.Value)
            .FirstOrDefault() ?? _options.Default;
    }
}
