using KooGate.Emulator.Api;
using KooGate.Emulator.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Catalog;

/// <summary>Products (CRUD) and buyers.</summary>
public static class CatalogEndpoints
{
    public const string DefaultSellerId = "seller-0001";

    public static void MapCatalog(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/products");
        products.MapGet("/", async (EmulatorDb db, CancellationToken ct) =>
            (await db.Products.OrderBy(p => p.ProductId).ToListAsync(ct)).Select(Views.Product));
        products.MapGet("/{id}", async (string id, EmulatorDb db, CancellationToken ct) =>
            Views.Product(await FindAsync(db, id, ct)));
        products.MapPost("/", async (ProductRequest request, EmulatorDb db, CancellationToken ct) =>
        {
            var id = string.IsNullOrWhiteSpace(request.ProductId) ? "OFFI" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant() : request.ProductId;
            if (await db.Products.AnyAsync(p => p.ProductId == id, ct))
            {
                throw ApiException.Conflict($"product {id} exists");
            }

            var product = new Product { ProductId = id };
            request.ApplyTo(product, DefaultSellerId);
            await RequireSellerAsync(db, product.SellerId, ct);
            db.Products.Add(product);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/products/{id}", Views.Product(product));
        });
        products.MapPut("/{id}", async (string id, ProductRequest request, EmulatorDb db, CancellationToken ct) =>
        {
            var product = await FindAsync(db, id, ct);
            request.ApplyTo(product, DefaultSellerId);
            await RequireSellerAsync(db, product.SellerId, ct);
            await db.SaveChangesAsync(ct);
            return Views.Product(product);
        });
        products.MapDelete("/{id}", async (string id, EmulatorDb db, CancellationToken ct) =>
        {
            var product = await FindAsync(db, id, ct);
            if (await db.OrderLines.AnyAsync(l => l.ProductId == id, ct))
            {
                throw ApiException.Conflict($"product {id} has orders; it cannot be deleted");
            }

            db.Products.Remove(product);
            db.ListingRules.RemoveRange(db.ListingRules.Where(r => r.ProductId == id));
            await db.SaveChangesAsync(ct);
            return Results.NoContent();
        });

        var buyers = app.MapGroup("/api/buyers");
        buyers.MapGet("/", async (EmulatorDb db, CancellationToken ct) => await db.Buyers.OrderBy(b => b.CustomerId).ToListAsync(ct));
        buyers.MapGet("/{id}", async (string id, EmulatorDb db, CancellationToken ct) =>
            await db.Buyers.SingleOrDefaultAsync(b => b.CustomerId == id, ct) ?? throw ApiException.NotFound($"buyer {id}"));
        buyers.MapPost("/", async (BuyerRequest request, EmulatorDb db, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.CustomerName))
            {
                throw ApiException.BadRequest("customerName is required");
            }

            var buyer = new Buyer
            {
                CustomerId = string.IsNullOrWhiteSpace(request.CustomerId) ? Guid.NewGuid().ToString("N") : request.CustomerId,
                CustomerName = request.CustomerName,
                Mobile = request.Mobile,
                Email = request.Email,
            };
            if (await db.Buyers.AnyAsync(b => b.CustomerId == buyer.CustomerId, ct))
            {
                throw ApiException.Conflict($"buyer {buyer.CustomerId} exists");
            }

            db.Buyers.Add(buyer);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/buyers/{buyer.CustomerId}", buyer);
        });

        app.MapGet("/api/sellers", async (EmulatorDb db, CancellationToken ct) =>
            (await db.Sellers.ToListAsync(ct)).Select(s => new { s.SellerId, s.Name, s.AccessKey }));
    }

    private static async Task<Product> FindAsync(EmulatorDb db, string id, CancellationToken ct) =>
        await db.Products.SingleOrDefaultAsync(p => p.ProductId == id, ct) ?? throw ApiException.NotFound($"product {id}");

    private static async Task RequireSellerAsync(EmulatorDb db, string sellerId, CancellationToken ct)
    {
        if (!await db.Sellers.AnyAsync(s => s.SellerId == sellerId, ct))
        {
            throw ApiException.NotFound($"seller {sellerId}");
        }
    }
}

public sealed record BuyerRequest(string? CustomerId, string? CustomerName, string? Mobile, string? Email);
