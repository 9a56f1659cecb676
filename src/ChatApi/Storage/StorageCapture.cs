namespace ChatApi.Storage;

/// <summary>The values of <c>Storage:Capture</c>.</summary>
public static class StorageCapture
{
    public const string Stored = "stored";
    public const string All = "all";
}
