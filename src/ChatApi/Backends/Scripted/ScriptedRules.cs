using ChatApi.Contracts;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ChatApi.Backends.Scripted;

/// <summary>
/// The rules from <c>Scripted:RulesPath</c>, reloaded when the file changes: a watcher reloads it promptly and every
/// request checks the file's stamp, so a request sent right after a write sees the new rules. A file that does not
/// parse keeps the last good rules and logs why. Every rewrite of the file, even with the same text, restarts every
/// rule's <c>times</c> count.
/// <para>
/// The admin API (<c>/admin/rules</c>) changes the rules at run time. Whatever changed them last is in force: rules set
/// over HTTP replace the file's until the file is rewritten, and a rewrite replaces them in turn. Without a file the
/// scripted layer is in front of the backends as soon as rules are set over HTTP.
/// </para>
/// </summary>
public sealed class ScriptedRules : IDisposable
{
    // File times are coarse (a few ms): a file written this recently is compared by content, not only by stamp.
    static readonly TimeSpan RecentWrite = TimeSpan.FromSeconds(2);

    readonly string? _path;
    readonly ILogger<ScriptedRules> _logger;
    readonly TimeProvider _time;
    readonly Lock _gate = new();
    readonly PhysicalFileProvider? _watcher;
    readonly IDisposable? _watch;
    volatile RuleSet _rules = RuleSet.Empty;
    (DateTime Written, long Length)? _stamp;
    string? _text;

    public ScriptedRules(IOptions<ScriptedOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<ScriptedRules> logger)
    {
        _logger = logger;
        _time = time;
        if (string.IsNullOrWhiteSpace(options.Value.RulesPath))
            return;

        _path = Path.GetFullPath(options.Value.RulesPath, environment.ContentRootPath);
        ReloadIfChanged();

        var directory = Path.GetDirectoryName(_path)!;
        if (!Directory.Exists(directory))
        {
            logger.LogWarning("Scripted rules: directory {Directory} does not exist; the file is read per request once it does", directory);
            return;
        }
        var fileName = Path.GetFileName(_path);
        _watcher = new PhysicalFileProvider(directory, ExclusionFilters.None);
        _watch = ChangeToken.OnChange(() => _watcher.Watch(fileName), ReloadIfChanged);
    }

    /// <summary>Whether the rules sit in front of the backends: a rules file is configured or rules were set over HTTP.</summary>
    public bool Enabled => _path is not null || _rules.Count > 0;

    /// <summary>The first rule for this request with uses left (counting this use), or null for the usual backend.</summary>
    public CompiledRule? Claim(CreateChatCompletionRequest request)
    {
        ReloadIfChanged();
        return _rules.Claim(request);
    }

    /// <summary>The rules in force (the file's, reread if it changed, or the ones last set over HTTP).</summary>
    public RuleSet Current
    {
        get
        {
            ReloadIfChanged();
            return _rules;
        }
    }

    /// <summary>Puts <paramref name="text"/>'s rules in force instead of the current ones; throws, changing nothing, when a rule is bad.</summary>
    public RuleSet Replace(string text) => Change(current => RulesParser.Parse(text, "request.json"), "replaced");

    /// <summary>Adds <paramref name="text"/>'s rules after the current ones (whose counts go on); throws, changing nothing, when a rule is bad.</summary>
    public RuleSet Append(string text) => Change(current => current.Append(RulesParser.Parse(text, "request.json", current.Count + 1)), "appended to");

    public RuleSet Clear() => Change(_ => RuleSet.Empty, "cleared");

    /// <summary>Restarts every rule's <c>times</c> count.</summary>
    public RuleSet Restart() => Change(current =>
    {
        foreach (var rule in current.Rules)
            rule.Restart();
        return current;
    }, "restarted the counts of");

    RuleSet Change(Func<RuleSet, RuleSet> change, string what)
    {
        ReloadIfChanged();
        lock (_gate)
        {
            _rules = change(_rules);
            _logger.LogInformation("Scripted rules: {What} over HTTP; {Count} rules in force", what, _rules.Count);
            return _rules;
        }
    }

    void ReloadIfChanged()
    {
        if (_path is null)
            return;
        lock (_gate)
        {
            var file = new FileInfo(_path);
            if (!file.Exists)
            {
                if (_stamp is not null || _text is null)
                    _logger.LogWarning("Scripted rules: {Path} does not exist; keeping the {Count} rules loaded before", _path, _rules.Count);
                _stamp = null;
                _text ??= "";
                return;
            }

            var stamp = (file.LastWriteTimeUtc, file.Length);
            var recent = _time.GetUtcNow().UtcDateTime - stamp.LastWriteTimeUtc < RecentWrite;
            if (stamp == _stamp && !recent)
                return;

            string text;
            try
            {
                text = ReadShared(_path);
            }
            catch (IOException e)
            {
                _logger.LogError(e, "Scripted rules: cannot read {Path}; keeping the {Count} rules loaded before", _path, _rules.Count);
                return;
            }
            // A new stamp is a rewrite, which restarts the times counts even when the text is the same; a recent file
            // with the same stamp is reloaded only when its text differs.
            var rewritten = stamp != _stamp;
            _stamp = stamp;
            if (!rewritten && text == _text)
                return;
            _text = text;

            try
            {
                _rules = RulesParser.Parse(text, _path);
                _logger.LogInformation("Scripted rules: loaded {Count} rules from {Path}", _rules.Count, _path);
            }
            catch (InvalidRulesException e)
            {
                _logger.LogError("Scripted rules: {Path} is not valid, keeping the {Count} rules loaded before. {Problem}", _path, _rules.Count, e.Message);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Scripted rules: {Path} could not be loaded, keeping the {Count} rules loaded before", _path, _rules.Count);
            }
        }
    }

    static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public void Dispose()
    {
        _watch?.Dispose();
        _watcher?.Dispose();
    }
}
