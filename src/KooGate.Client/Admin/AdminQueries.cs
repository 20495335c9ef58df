namespace KooGate.Client.Admin;

/// <summary>Narrows the instance list; every field is optional. <see cref="Search"/> matches part of an instance or order id.</summary>
public sealed record InstanceQuery(
    string? State = null,
    string? Search = null,
    string? OrderId = null,
    string? ProductId = null,
    string? CustomerId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    bool? Test = null,
    bool? Synthetic = null,
    int? Skip = null,
    int? Take = null)
{
    internal QueryBuilder ToQuery() => new QueryBuilder()
        .Add("state", State).Add("q", Search).Add("orderId", OrderId).Add("productId", ProductId).Add("customerId", CustomerId)
        .Add("from", From).Add("to", To).Add("test", Test).Add("synthetic", Synthetic).Add("skip", Skip).Add("take", Take);
}

/// <summary>Narrows the delivery list.</summary>
public sealed record OutboxQuery(string? Status = null, string? InstanceId = null, string? Type = null, int? Skip = null, int? Take = null)
{
    internal QueryBuilder ToQuery() => new QueryBuilder()
        .Add("status", Status).Add("instanceId", InstanceId).Add("type", Type).Add("skip", Skip).Add("take", Take);
}

/// <summary>Narrows the callback log; <see cref="Before"/> pages by id (older than it).</summary>
public sealed record CallbackQuery(
    string? OrderId = null,
    string? InstanceId = null,
    string? Activity = null,
    string? ResultCode = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    bool? Failed = null,
    bool? Synthetic = null,
    long? Before = null,
    int? Skip = null,
    int? Take = null)
{
    internal QueryBuilder ToQuery() => new QueryBuilder()
        .Add("orderId", OrderId).Add("instanceId", InstanceId).Add("activity", Activity).Add("resultCode", ResultCode).Add("from", From)
        .Add("to", To).Add("failed", Failed).Add("synthetic", Synthetic).Add("before", Before).Add("skip", Skip).Add("take", Take);
}

/// <summary>Narrows the usage-record list; <see cref="State"/> (e.g. <c>failed</c>) selects records by the state of their push.</summary>
public sealed record UsageQuery(string? InstanceId = null, string? State = null, int? Skip = null, int? Take = null)
{
    internal QueryBuilder ToQuery() => new QueryBuilder().Add("instanceId", InstanceId).Add("state", State).Add("skip", Skip).Add("take", Take);
}

/// <summary>Narrows the tenant list; <see cref="Search"/> matches part of a tenant's id, name, code, domain, instance or order.</summary>
public sealed record TenantQuery(string? Search = null, bool? Deleted = null, int? Skip = null, int? Take = null)
{
    internal QueryBuilder ToQuery() => new QueryBuilder().Add("q", Search).Add("deleted", Deleted).Add("skip", Skip).Add("take", Take);
}

internal sealed class QueryBuilder
{
    private readonly List<string> _pairs = [];

    public QueryBuilder Add(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _pairs.Add($"{name}={Uri.EscapeDataString(value)}");
        }

        return this;
    }

    public QueryBuilder Add(string name, DateTimeOffset? value) =>
        Add(name, value?.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));

    public QueryBuilder Add(string name, bool? value) => Add(name, value is { } b ? (b ? "true" : "false") : null);

    public QueryBuilder Add(string name, long? value) => Add(name, value?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string Apply(string path) => _pairs.Count == 0 ? path : path + "?" + string.Join('&', _pairs);
}
