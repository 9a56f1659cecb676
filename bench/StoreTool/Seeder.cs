using System.Diagnostics;

namespace StoreTool;

/// <summary>Fills a store fast: large transactions, no fsync (a seed that dies is simply rerun).</summary>
internal static class Seeder
{
    const int BatchSize = 20_000;

    public static async Task<int> RunAsync(string db, int rows)
    {
        await Schema.MigrateAsync(db);
        var clock = Stopwatch.StartNew();
        using (var inserter = new Inserter(db, "PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;"))
        {
            for (long start = 1; start <= rows; start += BatchSize)
            {
                var end = Math.Min(rows, start + BatchSize - 1);
                inserter.InsertBatch(Range(start, end).Select(Rows.Seeded));
                if (end % 100_000 == 0)
                    Console.Error.WriteLine($"seed: {end:N0} rows, {clock.Elapsed.TotalSeconds:F0} s");
            }
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Console.Error.WriteLine($"seed: {rows:N0} rows in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    static IEnumerable<long> Range(long first, long last)
    {
        for (var n = first; n <= last; n++)
            yield return n;
    }
}
