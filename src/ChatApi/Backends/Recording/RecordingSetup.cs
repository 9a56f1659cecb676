namespace ChatApi.Backends.Recording;

public static class RecordingSetup
{
    /// <summary>Cassettes per <c>Recording:*</c>; with the default mode <c>off</c> nothing changes.</summary>
    public static IServiceCollection AddRecording(this IServiceCollection services)
    {
        services.AddOptions<RecordingOptions>().BindConfiguration("Recording")
            .Validate(o => RecordingModes.All.Contains(o.Mode) && o.Backends.Values.All(RecordingModes.All.Contains),
                $"Recording:Mode (and each Recording:Backends value) must be one of {string.Join(", ", RecordingModes.All)}.")
            .Validate(o => o.Pacing is RecordingPacing.Instant or RecordingPacing.Recorded,
                $"Recording:Pacing must be {RecordingPacing.Instant} or {RecordingPacing.Recorded}.")
            .Validate(o => o.MissingStatus is >= 400 and <= 599, "Recording:MissingStatus must be an HTTP error status (400-599).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Directory), "Recording:Directory must name a directory.")
            .ValidateOnStart();
        services.AddSingleton<Recordings>();
        return services;
    }
}
