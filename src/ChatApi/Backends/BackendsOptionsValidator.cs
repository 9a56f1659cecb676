using Microsoft.Extensions.Options;

namespace ChatApi.Backends;

/// <summary>Fails start-up when <c>Backends</c> names a backend that is not registered, rather than the first request.</summary>
internal sealed class BackendsOptionsValidator(IServiceProvider services) : IValidateOptions<BackendsOptions>
{
    public ValidateOptionsResult Validate(string? name, BackendsOptions options)
    {
        var keyed = services.GetRequiredService<IServiceProviderIsKeyedService>();
        var unknown = options.Routes.Values.Append(options.Default)
            .Where(backend => !keyed.IsKeyedService(typeof(IChatBackend), backend))
            .Distinct()
            .ToList();
        return unknown.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Backends:Routes or Backends:Default names a backend that does not exist: {string.Join(", ", unknown.Select(b => $"'{b}'"))}. "
                + $"Backends are '{BackendNames.Deterministic}' and the names under Backends:Upstreams.");
    }
}
