using System.Diagnostics;
using System.Globalization;

namespace StoreTool;

/// <summary>
/// The ceiling for store:true: the rows post-stored.lua makes, written by one writer in transactions of 64
/// (one per connection of the HTTP scenario) with the server's durability settings. Prints completions/s.
/// </summary>
internal static class RawInsert
{
    const int BatchSize = 64;

    public static async Task<int> RunAsync(string db, double seconds)
    {
        await Schema.MigrateAsync(db);
        long n = 0, batches = 0;
        // Only the inserts are timed: making the rows' JSON is the server's cost, not the database's.
        var clock = new Stopwatch();
        using (var inserter = new Inserter(db, ChatApi.Storage.SqliteConnectionSettings.PragmasFor(Environment.GetEnvironmentVariable("BENCH_SQLITE_SYNCHRONOUS") ?? "Full")))
        {
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                var batch = new List<Rows.Row>(BatchSize);
                for (var i = 0; i < BatchSize; i++)
                    batch.Add(Rows.Posted(++n));
                clock.Start();
                inserter.InsertBatch(batch);
                clock.Stop();
                batches++;
            }
        }
        var elapsed = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RAW completions={n} seconds={elapsed:F3} rps={n / elapsed:F1} transactions={batches}"));
        return 0;
    }
}
