namespace ChatApi.Tests.Infrastructure;

/// <summary>
/// Skips a test whose outside dependency (PostgreSQL, Node) is missing, saying why;
/// under <c>CHATAPI_REQUIRE_ALL=1</c> (as in CI) the same skip is a failure.
/// </summary>
public static class ExternalRequirement
{
    public static bool RequireAll => Environment.GetEnvironmentVariable("CHATAPI_REQUIRE_ALL") == "1";

    public static void Missing(string reason)
    {
        if (RequireAll)
            Assert.Fail($"CHATAPI_REQUIRE_ALL=1 but {reason}");
        Assert.Skip(reason);
    }
}
