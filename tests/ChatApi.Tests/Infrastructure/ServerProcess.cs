using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChatApi.Tests.Infrastructure;

/// <summary>
/// The real server as a separate <c>dotnet ChatApi.dll</c> process on a 127.0.0.1 port: what a deployment runs,
/// and something a test can kill with SIGKILL or run twice side by side.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    // Variables that choose the listening address: cleared in the child unless a test sets them itself.
    static readonly string[] BindingVariables = ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS"];

    readonly Process _process;
    readonly StringBuilder _output = new();

    ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }
    public HttpClient Client { get; }

    /// <summary>What the process printed so far (stdout and stderr interleaved).</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <param name="bindHost">the host of <c>--urls</c>; clients always connect to 127.0.0.1</param>
    public static Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, string bindHost = "127.0.0.1", IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        return StartAsync(settings, environment ?? new Dictionary<string, string>(), ["--urls", $"http://{bindHost}:{port}"], port);
    }

    /// <summary>
    /// Starts with the given environment and arguments (which choose the address, or not), and expects an answer on
    /// 127.0.0.1:<paramref name="port"/>.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(
        IReadOnlyDictionary<string, string?> settings, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> arguments, int port,
        string? command = null, string? workingDirectory = null)
    {
        var server = Launch(settings, environment, arguments, port, command, workingDirectory);
        try
        {
            await server.WaitUntilReadyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Starts without waiting for it to answer (for a test that expects it to fail).</summary>
    public static ServerProcess Launch(
        IReadOnlyDictionary<string, string?> settings, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> arguments, int port,
        string? command = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(command ?? "dotnet")
        {
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (command is null)
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ChatApi.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        foreach (var (key, value) in settings)
            start.ArgumentList.Add($"--{key}={value}");
        foreach (var name in BindingVariables)
            start.Environment.Remove(name);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        var process = Process.Start(start)!;
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, as in a crash.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Waits for the process to end by itself; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, as a service manager stops it; returns once the process has exited (or after <paramref name="timeout"/>).</summary>
    public async Task<bool> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        return await WaitForExitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
        await Task.CompletedTask;
    }

    void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    async Task WaitUntilReadyAsync()
    {
        // Generous: on a loaded 2-core machine a start can take half a minute and more.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"ChatApi exited with code {_process.ExitCode} before it answered:\n{Output}");
            try
            {
                using var response = await Client.GetAsync("/health/live");
                // 401: up, with keys configured.
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"ChatApi did not answer within 90 s:\n{Output}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
