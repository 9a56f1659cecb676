using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChatApi.Tests.Infrastructure;

/// <summary>
/// The real server as a separate <c>dotnet ChatApi.dll</c> process on a 127.0.0.1 port: what a deployment runs,
/// and something a test can kill with SIGKILL or run twice side by side.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    readonly Process _process;

    ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }
    public HttpClient Client { get; }

    /// <param name="bindHost">the host of <c>--urls</c>; clients always connect to 127.0.0.1</param>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, string bindHost = "127.0.0.1", IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "ChatApi.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { dll, "--urls", $"http://{bindHost}:{port}", "--Logging:LogLevel:Default=Warning" })
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in settings)
            start.ArgumentList.Add($"--{key}={value}");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, as in a crash.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as a service manager stops it; returns once the process has exited (or after <paramref name="timeout"/>).</summary>
    public async Task<bool> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
        await Task.CompletedTask;
    }

    async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"ChatApi exited with code {_process.ExitCode} before it answered.");
            try
            {
                using var response = await Client.GetAsync("/v1/models");
                // 401: up, with keys configured.
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("ChatApi did not answer within 30 s.");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
