using KooGate.Emulator.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KooGate.Emulator.Orders;

/// <summary>What every order type looks up and checks first: the buyer, product and resource it names, and their state.</summary>
public sealed class OrderLookups(EmulatorDb db, IOptions<EmulatorOptions> options)
{
    public async Task<Buyer> BuyerAsync(string id, CancellationToken cancellationToken) =>
        await db.Buyers.SingleOrDefaultAsync(b => b.CustomerId == id, cancellationToken) ?? throw ApiException.NotFound($"buyer {id}");

    public async Task<Product> ProductAsync(string id, CancellationToken cancellationToken) =>
        await db.Products.SingleOrDefaultAsync(p => p.ProductId == id, cancellationToken) ?? throw ApiException.NotFound($"product {id}");

    public async Task<Resource> ResourceAsync(string id, CancellationToken cancellationToken) =>
        await db.Resources.SingleOrDefaultAsync(r => r.ResourceId == id, cancellationToken) ?? throw ApiException.NotFound($"resource {id}");

    /// <summary>The marketplace's share of the product's sales.</summary>
    public decimal FeeRate(Product product) => product.PlatformFeeRate ?? options.Value.DefaultPlatformFeeRate;

    public static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw ApiException.BadRequest($"{name} is required") : value;

    public static void RequireState(Resource resource, params ResourceState[] states)
    {
        if (!states.Contains(resource.State))
        {
            throw ApiException.Conflict($"resource {resource.ResourceId} is {resource.State}");
        }
    }
}
