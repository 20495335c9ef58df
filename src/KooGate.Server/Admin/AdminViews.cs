using KooGate.Server.Data;

namespace KooGate.Server.Admin;

/// <summary>An instance as the admin API shows it (never the password).</summary>
public sealed record InstanceView(
    string InstanceId,
    string OrderId,
    string OrderLineId,
    bool IsTest,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ExpireTime,
    string? ProductId,
    string? SkuCode,
    string? ChargingMode,
    string? FrontEndUrl,
    string? AdminUrl,
    string? UserName,
    string? Memo,
    string? FailureCode,
    string? FailureMessage)
{
    public static InstanceView From(InstanceRecord i) => new(
        i.InstanceId, i.OrderId, i.OrderLineId, i.IsTest, i.State.ToString(), i.CreatedAt, i.UpdatedAt, i.ExpireTime,
        i.ProductId, i.SkuCode, i.ChargingMode, i.FrontEndUrl, i.AdminUrl, i.UserName, i.Memo, i.FailureCode, i.FailureMessage);
}

public sealed record InstanceEventView(long Id, DateTimeOffset At, string Type, string? FromState, string? ToState, string? OrderId, string? Detail)
{
    public static InstanceEventView From(InstanceEvent e) => new(e.Id, e.At, e.Type, e.FromState?.ToString(), e.ToState?.ToString(), e.OrderId, e.Detail);
}

public sealed record OrderView(
    string OrderId,
    string OrderLineId,
    string FetchStatus,
    int Attempts,
    string? LastError,
    string? OrderType,
    string? ProductId,
    string? SkuCode,
    string? ChargingMode,
    string? PeriodType,
    int? PeriodNumber,
    DateTimeOffset? ExpireTime,
    string? CustomerId,
    string? CustomerName,
    DateTimeOffset? FetchedAt)
{
    public static OrderView From(OrderDetails o) => new(
        o.OrderId, o.OrderLineId, o.Status.ToString(), o.Attempts, o.LastError, o.OrderType, o.ProductId, o.SkuCode, o.ChargingMode,
        o.PeriodType, o.PeriodNumber, o.ExpireTime, o.CustomerId, o.CustomerName, o.FetchedAt);
}

public sealed record InstanceDetailsView(InstanceView Instance, IReadOnlyList<InstanceEventView> Events, IReadOnlyList<OrderView> Orders)
{
    /// <summary>The purchase with the buyer's contacts (admin API only); null before anything about it is known.</summary>
    public PurchaseView? Purchase { get; init; }
}

public sealed record OutboxView(
    Guid Id,
    string Type,
    string? InstanceId,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    string? LastError,
    string Payload,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<OutboxAttemptView>? History = null)
{
    public static OutboxView From(OutboxMessage m) =>
        new(m.Id, m.Type, m.InstanceId, m.Status.ToString(), m.Attempts, m.CreatedAt, m.NextAttemptAt, m.DeliveredAt, m.LastError, m.Payload);
}

/// <summary>One delivery attempt: when, how long, what the receiver answered (null: no answer) and what followed.</summary>
public sealed record OutboxAttemptView(int Attempt, DateTimeOffset StartedAt, double DurationMilliseconds, int? StatusCode, string? Error, string Outcome)
{
    public static OutboxAttemptView From(OutboxAttempt a) => new(a.Attempt, a.StartedAt, a.DurationMilliseconds, a.StatusCode, a.Error, a.Outcome.ToString());
}

public sealed record CallbackView(
    long Id,
    DateTimeOffset ReceivedAt,
    string Family,
    string? Activity,
    string Method,
    string Path,
    string? Query,
    string? RequestBody,
    string ResultCode,
    string? ResponseBody,
    string Verdict,
    double ElapsedMilliseconds,
    string? InstanceId,
    string? OrderId,
    bool IsTest)
{
    public static CallbackView From(CallbackLog c) => new(
        c.Id, c.ReceivedAt, c.Family, c.Activity, c.Method, c.Path, c.Query, c.RequestBody, c.ResultCode, c.ResponseBody, c.Verdict,
        c.ElapsedMilliseconds, c.InstanceId, c.OrderId, c.IsTest);
}

/// <summary>The seller's app finishing provisioning: what the buyer receives (saas-v2.md §3.2 AppInfo lengths).</summary>
public sealed record CompleteProvisioningRequest(string? FrontEndUrl, string? AdminUrl, string? UserName, string? Password, string? Memo);

/// <summary>The seller's app giving up: <c>code</c> is the result code queryInstance/newInstance retries then see.</summary>
public sealed record FailProvisioningRequest(string? Code, string? Message);
