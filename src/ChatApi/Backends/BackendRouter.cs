using ChatApi.Backends.Scripted;
using Microsoft.Extensions.Options;

namespace ChatApi.Backends;

/// <summary>Picks the backend for a model name from the <c>Backends</c> options, behind the scripted rules if any.</summary>
public sealed class BackendRouter(IOptions<BackendsOptions> options, IServiceProvider services, ScriptedAnswers scripted)
{
    readonly BackendsOptions _options = options.Value;

    public IChatBackend Resolve(string model) =>
        scripted.InFrontOf(services.GetRequiredKeyedService<IChatBackend>(BackendNameFor(model)));

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
