using System.Buffers;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace ChatApi.Telemetry;

/// <summary>
/// The console log in the console logger's own formats (<c>Logging:Console:FormatterName</c> and its options), written in
/// batches. The framework's console logger wakes its writer thread for every line; with one request-log line per request
/// that cost a sixth of the relay's throughput and a third of the built-in backend's on 2 cores (bench/README.md).
/// Here a line is formatted on the caller's thread into a buffer that is written every <see cref="Interval"/>, or at
/// once when it holds a warning or worse (the lines before it first, so the order is kept), or when it grows past
/// <see cref="MaxPending"/> bytes.
/// </summary>
[ProviderAlias("Console")]
public sealed class BatchingConsoleLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    const int MaxPending = 256 * 1024;

    [ThreadStatic]
    static StringWriter? t_line;

    readonly IOptionsMonitor<ConsoleLoggerOptions> _options;
    readonly IReadOnlyDictionary<string, ConsoleFormatter> _formatters;
    readonly Stream _stdout = Console.OpenStandardOutput();
    readonly Stream _stderr = Console.OpenStandardError();
    readonly Lock _gate = new();
    readonly Lock _write = new();
    readonly Timer _timer;
    ArrayBufferWriter<byte> _pending = new(16 * 1024);
    ArrayBufferWriter<byte> _spare = new(16 * 1024);
    IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public BatchingConsoleLoggerProvider(IOptionsMonitor<ConsoleLoggerOptions> options, IEnumerable<ConsoleFormatter> formatters)
    {
        _options = options;
        _formatters = formatters.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);
        _timer = new Timer(_ => Flush(), null, Interval, Interval);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Flush();
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    ConsoleFormatter Formatter =>
        _formatters.TryGetValue(_options.CurrentValue.FormatterName ?? ConsoleFormatterNames.Simple, out var chosen) ? chosen : _formatters[ConsoleFormatterNames.Simple];

    void Write<TState>(string category, LogLevel level, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> format)
    {
        var line = t_line ??= new StringWriter();
        var text = line.GetStringBuilder();
        text.Clear();
        Formatter.Write(new LogEntry<TState>(level, category, eventId, state, exception, format), _scopes, line);
        if (text.Length == 0)
            return;

        var toStderr = level >= _options.CurrentValue.LogToStandardErrorThreshold;
        bool flush;
        lock (_gate)
        {
            if (!toStderr)
                Append(_pending, text);
            flush = toStderr || level >= LogLevel.Warning || _pending.WrittenCount > MaxPending;
        }
        if (flush)
            Flush();
        if (toStderr)
            WriteNow(_stderr, text);
        if (text.Capacity > 8 * 1024)
            text.Clear().Capacity = 1024;
    }

    static void Append(ArrayBufferWriter<byte> buffer, StringBuilder text)
    {
        foreach (var chunk in text.GetChunks())
        {
            var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(chunk.Length));
            buffer.Advance(Encoding.UTF8.GetBytes(chunk.Span, span));
        }
    }

    void WriteNow(Stream stream, StringBuilder text)
    {
        var bytes = new ArrayBufferWriter<byte>(text.Length + 16);
        Append(bytes, text);
        lock (_write)
        {
            stream.Write(bytes.WrittenSpan);
            stream.Flush();
        }
    }

    /// <summary>Writes what is pending; lines appended meanwhile go to the next batch.</summary>
    void Flush()
    {
        lock (_write)
        {
            ArrayBufferWriter<byte> batch;
            lock (_gate)
            {
                if (_pending.WrittenCount == 0)
                    return;
                batch = _pending;
                _pending = _spare;
                _spare = batch;
            }
            try
            {
                _stdout.Write(batch.WrittenSpan);
                _stdout.Flush();
            }
            catch (IOException)
            {
                // The reader of stdout went away: the lines have nowhere to go.
            }
            batch.ResetWrittenCount();
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
    }

    sealed class Logger(BatchingConsoleLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                provider.Write(category, logLevel, eventId, state, exception, formatter);
        }
    }
}
