using KooGate.Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddKooGate();

var app = builder.Build();
await app.UseKooGateAsync();
app.MapGet("/", () => Results.Text("KooGate production-interface server\n"));
await app.RunAsync();

/// <summary>Entry point, public for WebApplicationFactory-based tests.</summary>
public partial class Program;
