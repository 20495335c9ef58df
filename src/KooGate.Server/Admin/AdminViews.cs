// The admin API answers with the client library's records (KooGate.Client.Admin), so both sides read one contract.
global using CallbackView = KooGate.Client.Admin.AdminCallback;
global using InstanceDetailsView = KooGate.Client.Admin.AdminInstanceDetails;
global using InstanceEventView = KooGate.Client.Admin.AdminInstanceEvent;
global using InstanceView = KooGate.Client.Admin.AdminInstance;
global using OrderView = KooGate.Client.Admin.AdminOrder;
global using OutboxAttemptView = KooGate.Client.Admin.AdminDeliveryAttempt;
global using OutboxView = KooGate.Client.Admin.AdminDelivery;
using KooGate.Server.Data;

namespace KooGate.Server.Admin;

/// <summary>The server's records as the admin API shows them (never an instance's password).</summary>
public static class AdminViews
{
    extension(InstanceView)
    {
        public static InstanceView From(InstanceRecord i) => new(
            i.InstanceId, i.OrderId, i.OrderLineId, i.IsTest, i.State.ToString(), i.CreatedAt, i.UpdatedAt, i.ExpireTime,
            i.ProductId, i.SkuCode, i.ChargingMode, i.FrontEndUrl, i.AdminUrl, i.UserName, i.Memo, i.FailureCode, i.FailureMessage);
    }

    extension(InstanceEventView)
    {
        public static InstanceEventView From(InstanceEvent e) => new(e.Id, e.At, e.Type, e.FromState?.ToString(), e.ToState?.ToString(), e.OrderId, e.Detail);
    }

    extension(OrderView)
    {
        public static OrderView From(OrderDetails o) => new(
            o.OrderId, o.OrderLineId, o.Status.ToString(), o.Attempts, o.LastError, o.OrderType, o.ProductId, o.SkuCode, o.ChargingMode,
            o.PeriodType, o.PeriodNumber, o.ExpireTime, o.CustomerId, o.CustomerName, o.FetchedAt);
    }

    extension(OutboxView)
    {
        public static OutboxView From(OutboxMessage m) =>
            new(m.Id, m.Type, m.InstanceId, m.Status.ToString(), m.Attempts, m.CreatedAt, m.NextAttemptAt, m.DeliveredAt, m.LastError, m.Payload);
    }

    extension(OutboxAttemptView)
    {
        public static OutboxAttemptView From(OutboxAttempt a) =>
            new(a.Attempt, a.StartedAt, a.DurationMilliseconds, a.StatusCode, a.Error, a.Outcome.ToString());
    }

    extension(CallbackView)
    {
        public static CallbackView From(CallbackLog c) => new(
            c.Id, c.ReceivedAt, c.Family, c.Activity, c.Method, c.Path, c.Query, c.RequestBody, c.ResultCode, c.ResponseBody, c.Verdict,
            c.ElapsedMilliseconds, c.InstanceId, c.OrderId, c.IsTest);
    }
}

/// <summary>The seller's app finishing provisioning: what the buyer receives (saas-v2.md §3.2 AppInfo lengths).</summary>
public sealed record CompleteProvisioningRequest(string? FrontEndUrl, string? AdminUrl, string? UserName, string? Password, string? Memo);

/// <summary>The seller's app giving up: <c>code</c> is the result code queryInstance/newInstance retries then see.</summary>
public sealed record FailProvisioningRequest(string? Code, string? Message);
