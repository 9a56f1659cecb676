namespace ChatApi.Backends.Recording;

/// <summary>The values of <c>Recording:Mode</c>.</summary>
public static class RecordingModes
{
    public const string Off = "off";
    public const string Record = "record";
    public const string Replay = "replay";
    public const string RecordMissing = "record-missing";

    public static readonly IReadOnlyList<string> All = [Off, Record, Replay, RecordMissing];
}
