using System.Security.Cryptography;
using System.Text.Json;
using KooGate.Client.Admin;
using KooGate.Client.Events;
using KooGate.Protocol.Messages;
using KooGate.Server.Configuration;
using KooGate.Server.Data;

namespace KooGate.Server.Admin;

/// <summary>
/// An instance's purchase as the marketplace knows it, for <c>GET /admin/api/instances/{id}</c> only: the buyer's
/// mobile number and e-mail are decrypted here and nowhere else (never in events, lists or logs).
/// </summary>
public static class PurchaseView
{
    public static AdminPurchase From(InstancePurchase p, SecretProtector protector) => new(
        p.CustomerId, p.CustomerName, p.UserId, p.UserName, Reveal(protector, p.ProtectedMobilePhone), Reveal(protector, p.ProtectedEmail),
        p.LinearValue, p.PeriodType, p.PeriodNumber, p.Trial, p.OrderId, p.OrderLineId, p.OrderCreateTime, ExtendParams(p.ExtendParamsJson),
        p.UpdatedAt);

    private static List<ExtendParameter> ExtendParams(string? json) =>
        json is null ? [] : [.. (JsonSerializer.Deserialize(json, KooJsonContext.Default.ExtendParamArray) ?? []).Select(e => new ExtendParameter(e.Name, e.Value))];

    /// <summary>A value stored under an earlier <c>KooGate:SecretsKey</c> cannot be read any more: shown as absent.</summary>
    private static string? Reveal(SecretProtector protector, string? stored)
    {
        if (stored is null)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(stored);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
