using StoreTool;

// dotnet StoreTool.dll seed DB ROWS          fills DB (created by ChatApi's migrations) with ROWS stored completions
// dotnet StoreTool.dll raw-insert DB SECONDS  group-commit ceiling: raw batched inserts of post-stored.lua's rows
return args switch
{
    ["seed", var db, var rows] => await Seeder.RunAsync(db, int.Parse(rows, System.Globalization.CultureInfo.InvariantCulture)),
    ["raw-insert", var db, var seconds] => await RawInsert.RunAsync(db, double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: StoreTool seed DB ROWS | StoreTool raw-insert DB SECONDS");
    return 2;
}
