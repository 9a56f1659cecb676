namespace ChatApi.Admin;

/// <summary>What <c>DELETE /admin/captured</c> answers: how many captured completions were forgotten.</summary>
public sealed record CapturedDeleted
{
    public string Object { get; init; } = "captured.deleted";
    public required int Deleted { get; init; }
}
