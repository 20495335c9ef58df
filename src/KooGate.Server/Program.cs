using KooGate.Server;
using KooGate.Server.Configuration;

var builder = WebApplication.CreateBuilder(args);
builder.AddKooGate();

var app = builder.Build();
try
{
    await app.UseKooGateAsync();
}
catch (KooGateConfigurationException e)
{
    // One actionable line, no stack trace.
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}

app.MapGet("/", () => Results.Text("KooGate production-interface server\n"));
await app.RunAsync();
return 0;

/// <summary>Entry point, public for WebApplicationFactory-based tests.</summary>
public partial class Program;
