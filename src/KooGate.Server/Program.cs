var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHealthChecks();

var app = builder.Build();
app.MapHealthChecks("/healthz");
app.MapGet("/", () => Results.Text("KooGate production-interface server\n"));
app.Run();

/// <summary>Entry point, public for WebApplicationFactory-based tests.</summary>
public partial class Program;
