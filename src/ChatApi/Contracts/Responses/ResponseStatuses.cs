namespace ChatApi.Contracts.Responses;

public static class ResponseStatuses
{
    public const string Completed = "completed";
    public const string Incomplete = "incomplete";
    public const string InProgress = "in_progress";
    public const string Failed = "failed";
}
