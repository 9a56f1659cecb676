using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatApi.Health;

/// <summary>Writes <c>{"status":"Healthy","checks":{"database":"Healthy"}}</c>: each check by name, no details.</summary>
internal static class HealthResponseWriter
{
    public static async Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(http.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
            json.WriteString(name, entry.Status.ToString());
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(http.RequestAborted);
    }
}
