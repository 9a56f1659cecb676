using ChatApi;
using ChatApi.Auth;

var builder = WebApplication.CreateBuilder(args);
if (KeysCommand.Matches(args))
    return KeysCommand.Run(args, builder, TimeProvider.System);

builder.AddChatApi();

var app = builder.Build();
await app.MapChatApiAsync();
app.Run();
return Environment.ExitCode; // BindingGuard sets it when it refuses to serve

public partial class Program;
