using System.Net.Http.Headers;

namespace ChatApi.Backends.Upstream;

public static class UpstreamSetup
{
    /// <summary>Registers one keyed <see cref="IChatBackend"/> per entry of <c>Backends:Upstreams</c>, each with its own HTTP client.</summary>
    public static IServiceCollection AddUpstreamBackends(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var section in configuration.GetSection("Backends:Upstreams").GetChildren())
        {
            var name = section.Key;
            var options = section.Get<UpstreamOptions>()
                ?? throw new InvalidOperationException($"Backends:Upstreams:{name} needs a BaseUrl.");
            services.AddHttpClient(name, http =>
            {
                // A trailing slash keeps the base path when "chat/completions" is appended.
                http.BaseAddress = new Uri(options.BaseUrl.ToString().TrimEnd('/') + "/");
                http.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
                if (!string.IsNullOrEmpty(options.ApiKey))
                    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
            });
            services.AddKeyedSingleton<IChatBackend>(name, (sp, _) =>
                new UpstreamBackend(sp.GetRequiredService<IHttpClientFactory>().CreateClient(name)));
        }
        return services;
    }
}
