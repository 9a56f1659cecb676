using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ChatApi.Auth;

/// <summary>
/// Once the server has bound its addresses (however they were given: <c>--urls</c>, <c>ASPNETCORE_URLS</c>,
/// <c>ASPNETCORE_HTTP_PORTS</c>, Kestrel endpoints), refuses to go on without keys on any address other than
/// loopback, unless <c>Auth:AllowAnonymous</c> says an open server is intended. Until it has looked, requests get 503.
/// </summary>
internal sealed class BindingGuard(IServer server, ApiKeys keys, IHostApplicationLifetime lifetime, ILogger<BindingGuard> logger)
    : IHostedLifecycleService
{
    public const int RefusedExitCode = 78; // EX_CONFIG

    volatile bool _checked;

    public bool Checked => _checked;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        if (keys.Enabled)
        {
            var projects = keys.All.Select(k => k.Project).Distinct().Count();
            logger.LogInformation("API keys: {Keys} keys in {Projects} projects ({Admins} admin); every /v1 request needs one.",
                keys.All.Count, projects, keys.All.Count(k => k.Admin));
        }
        else if (keys.AllowAnonymous)
        {
            logger.LogWarning("No API keys configured and Auth:AllowAnonymous=true: ChatApi is open to anyone who can reach {Addresses}.", string.Join(", ", addresses));
        }
        else if (addresses.FirstOrDefault(a => !IsLoopback(a)) is { } exposed)
        {
            logger.LogCritical(
                "ChatApi refuses to start: it is bound to {Address}, which other machines can reach, and no API keys are configured, " +
                "so anyone could read and delete every stored completion. Configure keys (Auth:Keys or Auth:KeysFile, see docs/running-for-a-team.md), " +
                "bind to loopback only (e.g. --urls http://127.0.0.1:5000), or set Auth:AllowAnonymous=true if an open server is intended.", exposed);
            Environment.ExitCode = RefusedExitCode;
            lifetime.StopApplication();
            return Task.CompletedTask;
        }
        else
        {
            logger.LogInformation("No API keys configured: ChatApi is open, and serves only loopback ({Addresses}). Configure Auth:Keys to share it.",
                addresses.Count > 0 ? string.Join(", ", addresses) : "in-process");
        }
        _checked = true;
        return Task.CompletedTask;
    }

    /// <summary><c>localhost</c>, a loopback IP, a Unix socket or a named pipe.</summary>
    internal static bool IsLoopback(string address)
    {
        var parsed = BindingAddress.Parse(address);
        if (parsed.IsUnixPipe || parsed.IsNamedPipe || string.Equals(parsed.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        return IPAddress.TryParse(parsed.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
