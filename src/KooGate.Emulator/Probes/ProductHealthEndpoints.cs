using KooGate.Emulator.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Probes;

/// <summary><c>GET /api/products/{id}/health</c> and <c>GET /api/health</c>: saved debug cases, probes and what they led to.</summary>
public static class ProductHealthEndpoints
{
    public static void MapProductHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/products/{id}/health", async (string id, EmulatorDb db, ProductHealthService health, CancellationToken ct) =>
            await db.Products.AnyAsync(p => p.ProductId == id, ct)
                ? await health.GetAsync(id, ct)
                : throw ApiException.NotFound($"product {id}"));
        app.MapGet("/api/health", (ProductHealthService health, CancellationToken ct) => health.AllAsync(ct));
    }
}
