using System.Text.Json;
using KooGate.Emulator.Data;
using KooGate.Emulator.Orders;

namespace KooGate.Emulator.Api;

/// <summary>The JSON shapes of the REST API. Keys are never echoed back, only whether one is bound.</summary>
public static class Views
{
    public static object Product(Product p) => new
    {
        p.ProductId,
        p.SellerId,
        p.Name,
        p.SkuCode,
        p.ChargingMode,
        p.PeriodType,
        p.Price,
        p.TrialDays,
        p.Joint,
        p.InterfaceVersion,
        KitVersion = p.Joint ? p.KitVersion : (KitVersion?)null,
        p.ProductionUrl,
        p.OrderNotifyUrl,
        p.OrderNotifyFirst,
        Keys = new
        {
            General = p.GeneralKey is not null,
            Basic = p.BasicKey is not null,
            Kit = p.KitKey is not null,
            License = p.LicenseKey is not null,
            V1 = p.V1Key is not null,
            KitPublicKey = p.KitPublicKeyPem is not null,
        },
        p.PlatformFeeRate,
        p.FreezeDays,
        p.ChangeCheck,
        p.RedirectUris,
    };

    public static object Order(Order o) => new
    {
        o.OrderId,
        o.OrderType,
        o.CustomerId,
        o.ProductId,
        o.ResourceId,
        o.RefundsOrderId,
        o.CreateTime,
        o.Status,
        o.Amount,
        o.RefundedAmount,
        o.RefundReason,
        o.RefundedAt,
        o.Test,
        o.PaymentMethod,
        o.FailureCode,
        o.FailureReason,
        Settlement = Settlement.For(o),
        Lines = o.Lines.Select(l => new
        {
            l.OrderLineId,
            l.ProductId,
            l.SkuCode,
            l.ChargingMode,
            l.PeriodType,
            l.PeriodNumber,
            l.ExpireTime,
            l.LinearValue,
            l.Amount,
        }),
    };

    public static object Resource(Resource r, IReadOnlyList<UsageRecordEntity>? usage = null) => new
    {
        r.ResourceId,
        r.InstanceId,
        r.ProductId,
        r.CustomerId,
        r.OrderId,
        r.OrderLineId,
        r.State,
        r.Trial,
        r.Test,
        r.LinearValue,
        r.CreatedAt,
        r.ExpireTime,
        r.FrozenAt,
        r.ReleaseDueAt,
        r.ReleasedAt,
        r.LicenseCode,
        r.ActivatedAt,
        AppInfo = r.AppInfoJson is null ? (JsonElement?)null : JsonDocument.Parse(r.AppInfoJson).RootElement.Clone(),
        UsageTotal = usage?.Sum(u => u.UsageValue),
        UsageCharges = usage?.Sum(u => u.Charge),
        Usage = usage?.Select(u => new { u.MeteringSn, u.BeginTime, u.EndTime, u.RecordTime, u.UsageValue, u.RelatePkgInstance, u.ReceivedAt, u.Charge }),
    };

    public static object Delivery(DeliveryJob d, bool withCalls) => new
    {
        d.Id,
        d.ResourceId,
        d.OrderId,
        d.Activity,
        d.Kit,
        d.Version,
        d.State,
        d.Attempts,
        d.CreatedAt,
        d.NextAttemptAt,
        d.DeadlineAt,
        d.LastVerdict,
        d.CompletedAt,
        Calls = withCalls ? d.Calls.OrderBy(c => c.Id).Select(Call) : null,
    };

    public static object Call(CallAttempt c) => new
    {
        c.Id,
        c.At,
        c.Activity,
        Request = new { c.Method, c.Url, Headers = c.RequestHeaders, Body = c.RequestBody },
        Response = new { Status = c.HttpStatus, Headers = c.ResponseHeaders, Body = c.ResponseBody },
        c.DurationMs,
        c.Verdict,
        c.ResultCode,
        c.Detail,
    };
}
