using System.Diagnostics;
using System.Text.Json;
using ChatApi.Backends;
using ChatApi.Contracts;

namespace ChatApi.Telemetry;

/// <summary>
/// One completion's span (<c>chat {model}</c>, GenAI semantic conventions), its GenAI metrics and its request-log fields.
/// The endpoint starts it, reports the answer (or each streamed chunk) and disposes it when the answer is sent.
/// With nothing listening it costs a timestamp and this object.
/// </summary>
public sealed class CompletionTelemetry : IDisposable
{
    readonly Activity? _activity;
    readonly RequestLogEntry? _log;
    readonly string _requestModel;
    readonly string _backend;
    readonly bool _stream;
    readonly long _started = Stopwatch.GetTimestamp();
    long _firstChunk;
    long _finished;
    string? _responseModel;
    string? _responseId;
    CompletionUsage? _usage;
    List<string>? _finishReasons;
    string? _errorType;

    CompletionTelemetry(HttpContext http, CreateChatCompletionRequest request, string backend)
    {
        _requestModel = request.Model ?? "";
        _backend = backend;
        _stream = request.Stream == true;
        _log = http.Features.Get<RequestLogEntry>();
        if (_log is not null)
        {
            _log.Model = _requestModel;
            _log.Backend = backend;
        }
        if (ChatApiTelemetry.Source.HasListeners())
        {
            _activity = ChatApiTelemetry.Source.StartActivity($"{GenAiAttributes.Chat} {_requestModel}");
            _activity?.SetTag(GenAiAttributes.OperationName, GenAiAttributes.Chat)
                .SetTag(GenAiAttributes.RequestModel, _requestModel)
                .SetTag(GenAiAttributes.Backend, backend)
                .SetTag(GenAiAttributes.Stream, _stream);
        }
    }

    /// <param name="backend">The configured backend name the model routed to.</param>
    public static CompletionTelemetry Start(HttpContext http, CreateChatCompletionRequest request, string backend) => new(http, request, backend);

    /// <summary>A non-streamed answer, built or relayed.</summary>
    public void Completed(ChatReply reply)
    {
        if (reply.Completion is { } completion)
        {
            _responseModel = completion.Model;
            _responseId = completion.Id;
            _usage = completion.Usage;
            _finishReasons = completion.Choices.Select(c => c.FinishReason).ToList();
        }
        else if (reply.Relayed is { } relayed)
        {
            Read(relayed.Json);
        }
        Finish();
    }

    /// <summary>Each event of a stream, as it goes out.</summary>
    public void Streamed(ChatStreamEvent item)
    {
        var first = _firstChunk == 0;
        if (first)
            _firstChunk = Stopwatch.GetTimestamp();
        if (item.Chunk is { } chunk)
        {
            if (first)
            {
                _responseModel = chunk.Model;
                _responseId = chunk.Id;
            }
            if (chunk.Usage is { } usage)
                _usage = usage;
            foreach (var choice in chunk.Choices)
            {
                if (choice.FinishReason is { } reason)
                    (_finishReasons ??= []).Add(reason);
            }
        }
        // A relayed event is parsed only when it can carry what is recorded: the first, a finish reason, the usage.
        else if (item.Data is { } data && (first || data.Contains("\"usage\":{", StringComparison.Ordinal) || data.Contains("\"finish_reason\":\"", StringComparison.Ordinal)))
        {
            try
            {
                using var parsed = JsonDocument.Parse(data);
                Read(parsed.RootElement);
            }
            catch (JsonException)
            {
            }
        }
    }

    // Reads what is recorded from a completion or chunk as JSON (a relayed one), skipping what is absent or mistyped.
    void Read(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
            return;
        if (_responseModel is null && json.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String)
            _responseModel = model.GetString();
        if (_responseId is null && json.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            _responseId = id.GetString();
        if (json.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object
            && usage.TryGetProperty("prompt_tokens", out var input) && input.TryGetInt32(out var inputTokens)
            && usage.TryGetProperty("completion_tokens", out var output) && output.TryGetInt32(out var outputTokens))
            _usage = new CompletionUsage { PromptTokens = inputTokens, CompletionTokens = outputTokens };
        if (json.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array)
        {
            foreach (var choice in choices.EnumerateArray())
            {
                if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("finish_reason", out var reason) && reason.ValueKind == JsonValueKind.String)
                    (_finishReasons ??= []).Add(reason.GetString()!);
            }
        }
    }

    /// <summary>The stream's backend has sent its last chunk.</summary>
    public void StreamEnded() => Finish();

    /// <summary>A child span around storing the completion (waiting for its group commit included).</summary>
    public Activity? StartStorage() => _activity is null ? null : ChatApiTelemetry.Source.StartActivity("chatapi.store");

    /// <summary>For an exception filter: notes the failure and returns false, so the exception goes on unhandled.</summary>
    public bool Failed(Exception error)
    {
        _errorType = error is BackendException backend ? backend.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : error.GetType().Name;
        return false;
    }

    public void Dispose()
    {
        var ok = _finished != 0 && _errorType is null;
        if (!ok)
            _errorType ??= "incomplete";

        if (_log is not null && _usage is not null)
        {
            _log.InputTokens = _usage.PromptTokens;
            _log.OutputTokens = _usage.CompletionTokens;
        }
        RecordMetrics(ok);
        if (_activity is not null)
        {
            if (_responseModel is not null)
                _activity.SetTag(GenAiAttributes.ResponseModel, _responseModel).SetTag(GenAiAttributes.ResponseId, _responseId);
            if (_usage is not null)
                _activity.SetTag(GenAiAttributes.InputTokens, _usage.PromptTokens).SetTag(GenAiAttributes.OutputTokens, _usage.CompletionTokens);
            if (_finishReasons is not null)
                _activity.SetTag(GenAiAttributes.FinishReasons, _finishReasons.ToArray());
            if (!ok)
                _activity.SetTag(GenAiAttributes.ErrorType, _errorType).SetStatus(ActivityStatusCode.Error);
            _activity.Dispose();
        }
    }

    void Finish() => _finished = Stopwatch.GetTimestamp();

    void RecordMetrics(bool ok)
    {
        if (!GenAiMetrics.RequestDuration.Enabled && !GenAiMetrics.TokenUsage.Enabled)
            return;

        var tags = new TagList
        {
            { GenAiAttributes.OperationName, GenAiAttributes.Chat },
            { GenAiAttributes.RequestModel, _requestModel },
            { GenAiAttributes.Backend, _backend },
        };
        if (_responseModel is not null)
            tags.Add(GenAiAttributes.ResponseModel, _responseModel);
        if (!ok)
            tags.Add(GenAiAttributes.ErrorType, _errorType);
        GenAiMetrics.RequestDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
        if (!ok)
            return;

        if (_usage is not null)
        {
            var input = tags;
            input.Add(GenAiAttributes.TokenType, "input");
            GenAiMetrics.TokenUsage.Record(_usage.PromptTokens, input);
            var output = tags;
            output.Add(GenAiAttributes.TokenType, "output");
            GenAiMetrics.TokenUsage.Record(_usage.CompletionTokens, output);
        }
        if (_stream && _firstChunk != 0)
        {
            GenAiMetrics.TimeToFirstToken.Record(Stopwatch.GetElapsedTime(_started, _firstChunk).TotalSeconds, tags);
            if (_usage is { CompletionTokens: > 1 } usage)
                GenAiMetrics.TimePerOutputToken.Record(Stopwatch.GetElapsedTime(_firstChunk, _finished).TotalSeconds / (usage.CompletionTokens - 1), tags);
        }
    }
}
