using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using KooGate.Emulator.Clock;
using KooGate.Emulator.Data;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Emulator.Identity;

/// <summary>A service ticket: single use, for the exact service URL it was issued to.</summary>
public sealed record ServiceTicket(string TenantId, string UserName, string Service, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

/// <summary>Service tickets of the CAS login (in memory, on the virtual clock; 5 minutes, as OneAccess).</summary>
public sealed class CasTickets(VirtualClock clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, ServiceTicket> _tickets = new(StringComparer.Ordinal);

    public string Issue(string tenantId, string userName, string service)
    {
        var now = clock.GetUtcNow();
        var ticket = "ST-" + RandomNumberGenerator.GetHexString(32, lowercase: true);
        _tickets[ticket] = new ServiceTicket(tenantId, userName, service, now, now + Lifetime);
        return ticket;
    }

    public ServiceTicket? Redeem(string ticket, string service) =>
        _tickets.TryRemove(ticket, out var issued) && issued.ExpiresAt > clock.GetUtcNow() && issued.Service == service ? issued : null;
}

/// <summary>
/// CAS 3.0 on the tenant's identity centre (saas-v1-and-joint.md §7.7): <c>cas/login?service=</c> (a user picker
/// stands in for the login page; the marketplace pages do not document this endpoint, OneAccess's convention is
/// used) redirects to the service with <c>ticket=ST-…</c>; <c>cas/p3/serviceValidate</c> answers JSON (default) or
/// XML with the user's attributes.
/// </summary>
public static class CasEndpoints
{
    public static void MapCas(this IEndpointRouteBuilder app)
    {
        var cas = app.MapGroup("/idp/{tenantCode}/api/v1/cas");
        cas.MapGet("/login", LoginAsync);
        cas.MapGet("/p3/serviceValidate", ValidateAsync);
    }

    private static async Task<IResult> LoginAsync(string tenantCode, HttpRequest request, EmulatorDb db, CasTickets tickets, CancellationToken ct)
    {
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.TenantCode == tenantCode, ct);
        if (tenant is null || !Uri.TryCreate(request.Query["service"], UriKind.Absolute, out var service) || service.Scheme is not ("http" or "https"))
        {
            return Results.Content("<!doctype html><title>CAS</title><p>Unknown tenant or service.</p>", "text/html", statusCode: 400);
        }

        var registered = await RegisteredAddresses.ForTenantAsync(db, tenant, ct);
        if (!registered.AllowsService(request.Query["service"].ToString()))
        {
            return registered.Refuse("service", request.Query["service"].ToString());
        }

        var users = await db.KitUsers.AsNoTracking().Where(u => u.TenantId == tenant.TenantId).OrderBy(u => u.UserName).ToListAsync(ct);
        var userName = request.Query["user"].ToString();
        if (userName.Length == 0)
        {
            return IdentityEndpoints.LoginPage(request, users);
        }

        if (users.All(u => u.UserName != userName))
        {
            return Results.Content("<!doctype html><title>CAS</title><p>The user is not a member of this enterprise.</p>", "text/html", statusCode: 403);
        }

        var serviceUrl = request.Query["service"].ToString();
        var ticket = tickets.Issue(tenant.TenantId, userName, serviceUrl);
        return Results.Redirect(serviceUrl + (service.Query.Length > 0 ? "&" : "?") + "ticket=" + Uri.EscapeDataString(ticket));
    }

    private static async Task<IResult> ValidateAsync(string tenantCode, HttpRequest request, EmulatorDb db, CasTickets tickets, CancellationToken ct)
    {
        var xml = string.Equals(request.Query["format"], "XML", StringComparison.OrdinalIgnoreCase);
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.TenantCode == tenantCode, ct);
        var ticket = request.Query["ticket"].ToString();
        var service = request.Query["service"].ToString();
        if (ticket.Length == 0 || service.Length == 0)
        {
            return Failure(xml, "INVALID_REQUEST", "service and ticket are required");
        }

        var issued = tickets.Redeem(ticket, service);
        var user = issued is null || tenant is null || issued.TenantId != tenant.TenantId
            ? null
            : await db.KitUsers.AsNoTracking().SingleOrDefaultAsync(u => u.TenantId == tenant.TenantId && u.UserName == issued.UserName, ct);
        if (user is null)
        {
            return Failure(xml, "INVALID_TICKET", $"Ticket {ticket} not recognized");
        }

        var attributes = new Dictionary<string, object>
        {
            ["authenticationDate"] = issued!.IssuedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", System.Globalization.CultureInfo.InvariantCulture),
            ["longTermAuthenticationRequestTokenUsed"] = false,
            ["isFromNewLogin"] = true,
            ["role"] = user.Role,
            ["organizationCode"] = user.OrgCode,
            ["name"] = user.Name,
            ["userName"] = user.UserName,
            ["tenant"] = tenant!.TenantId,
        };
        if (!xml)
        {
            return Results.Json(new { serviceResponse = new { authenticationSuccess = new { user = user.UserName, attributes } } });
        }

        var body = new StringBuilder("<cas:serviceResponse xmlns:cas=\"http://www.yale.edu/tp/cas\"><cas:authenticationSuccess>");
        body.Append($"<cas:user>{WebUtility.HtmlEncode(user.UserName)}</cas:user><cas:attributes>");
        foreach (var (name, value) in attributes)
        {
            var text = value is bool b ? (b ? "true" : "false") : value.ToString();
            body.Append($"<cas:{name}>{WebUtility.HtmlEncode(text)}</cas:{name}>");
        }

        body.Append("</cas:attributes></cas:authenticationSuccess></cas:serviceResponse>");
        return Results.Content(body.ToString(), "application/xml; charset=utf-8");
    }

    private static IResult Failure(bool xml, string code, string description) => xml
        ? Results.Content(
            $"<cas:serviceResponse xmlns:cas=\"http://www.yale.edu/tp/cas\"><cas:authenticationFailure code=\"{code}\">{WebUtility.HtmlEncode(description)}</cas:authenticationFailure></cas:serviceResponse>",
            "application/xml; charset=utf-8")
        : Results.Json(new { serviceResponse = new { authenticationFailure = new { code, description } } });
}
