using System.Security.Cryptography;
using System.Text.Json;
using KooGate.Protocol.Messages;
using KooGate.Server.Configuration;
using KooGate.Server.Data;

namespace KooGate.Server.Admin;

/// <summary>
/// An instance's purchase as the marketplace knows it, for <c>GET /admin/api/instances/{id}</c> only: the buyer's
/// mobile number and e-mail are decrypted here and nowhere else (never in events, lists or logs).
/// </summary>
public sealed record PurchaseView(
    string? CustomerId,
    string? CustomerName,
    string? UserId,
    string? UserName,
    string? MobilePhone,
    string? Email,
    decimal? Quantity,
    string? PeriodType,
    int? PeriodNumber,
    bool Trial,
    string? OrderId,
    string? OrderLineId,
    DateTimeOffset? OrderCreateTime,
    IReadOnlyList<ExtendParam> ExtendParams,
    DateTimeOffset UpdatedAt)
{
    public static PurchaseView From(InstancePurchase p, SecretProtector protector) => new(
        p.CustomerId, p.CustomerName, p.UserId, p.UserName, Reveal(protector, p.ProtectedMobilePhone), Reveal(protector, p.ProtectedEmail),
        p.LinearValue, p.PeriodType, p.PeriodNumber, p.Trial, p.OrderId, p.OrderLineId, p.OrderCreateTime,
        p.ExtendParamsJson is { } json ? JsonSerializer.Deserialize(json, KooJsonContext.Default.ExtendParamArray) ?? [] : [],
        p.UpdatedAt);

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
