using Microsoft.Extensions.Options;

namespace ChatApi.Backends;

/// <summary>Picks the backend for a model name from the <c>Backends</c> options.</summary>
public sealed class BackendRouter(IOptions<BackendsOptions> options, IServiceProvider services)
{
    readonly BackendsOptions _options = options.Value;

    public IChatBackend Resolve(string model) =>
        services.GetRequiredKeyedService<IChatBackend>(BackendNameFor(model));

    public string BackendNameFor(string model)
    {
        foreach (var (pattern, backend) in _options.Routes)
        {
            if (Matches(pattern, model))
                return backend;
        }
        return _options.Default;
    }

    static bool Matches(string pattern, string model) =>
        pattern.EndsWith('*')
            ? model.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : string.Equals(pattern, model, StringComparison.Ordinal);
}
