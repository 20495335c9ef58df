using System.Net;
using KooGate.Emulator.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Identity;

/// <summary>
/// Where the identity centre may send a browser: only to the addresses registered for the tenant's product
/// (<see cref="Product.RedirectUris"/>). An unregistered address gets an error page naming it, never a redirect
/// (an open redirector would hand codes and tickets to anyone).
/// </summary>
internal sealed record RegisteredAddresses(string ProductId, IReadOnlyList<string> Uris)
{
    public static async Task<RegisteredAddresses> ForTenantAsync(EmulatorDb db, Tenant tenant, CancellationToken ct)
    {
        var productId = await db.Resources.AsNoTracking().Where(r => r.ResourceId == tenant.ResourceId).Select(r => r.ProductId).SingleOrDefaultAsync(ct);
        var product = productId is null ? null : await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.ProductId == productId, ct);
        return new RegisteredAddresses(productId ?? string.Empty, product?.RedirectUris ?? []);
    }

    /// <summary>OAuth <c>redirect_uri</c> and logout <c>redirect_url</c>: character for character.</summary>
    public bool Allows(string? uri) => !string.IsNullOrEmpty(uri) && Uris.Contains(uri, StringComparer.Ordinal);

    /// <summary>
    /// A CAS <c>service</c> carries its own state in the query: the text before <c>?</c> must equal a registered address
    /// character for character, and a fragment is never allowed.
    /// </summary>
    public bool AllowsService(string service) => !service.Contains('#', StringComparison.Ordinal) && Allows(service.Split('?', 2)[0]);

    public IResult Refuse(string parameter, string? uri)
    {
        var registered = Uris.Count == 0
            ? "none yet"
            : string.Join(", ", Uris.Select(u => $"<code>{WebUtility.HtmlEncode(u)}</code>"));
        var html = "<!doctype html><title>Unregistered address</title><h1>Unregistered address</h1>"
                   + $"<p>The {WebUtility.HtmlEncode(parameter)} <code>{WebUtility.HtmlEncode(uri ?? string.Empty)}</code> is not registered for product "
                   + $"<code>{WebUtility.HtmlEncode(ProductId)}</code>, so the identity centre does not go there.</p>"
                   + $"<p>Registered: {registered}. Add the exact address to the product's <code>redirectUris</code> (docs/emulator.md).</p>";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
    }
}
