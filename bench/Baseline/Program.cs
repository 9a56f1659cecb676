using Baseline;
using Baseline.Contracts;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.ConfigureHttpJsonOptions(BaselineJson.Configure);
builder.Services.AddSingleton(TimeProvider.System);

var app = builder.Build();
app.MapCompletions();
app.MapEmbeddings();
app.Run();
