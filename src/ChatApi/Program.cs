using ChatApi;

var builder = WebApplication.CreateBuilder(args);
builder.AddChatApi();

var app = builder.Build();
await app.MapChatApiAsync();
app.Run();

public partial class Program;
