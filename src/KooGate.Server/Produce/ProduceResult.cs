using System.Text.Json;
using KooGate.Protocol;

namespace KooGate.Server.Produce;

/// <summary>
/// A handler's answer: the result code plus any fields beyond <c>resultCode</c>/<c>resultMsg</c>, and what the
/// callback log should link it to.
/// </summary>
public sealed record ProduceResult(ResultCode Code, Action<Utf8JsonWriter>? WriteFields = null)
{
    public string? InstanceId { get; init; }

    public string? OrderId { get; init; }

    public static ProduceResult Success(Action<Utf8JsonWriter>? fields = null) => new(ResultCode.Success, fields);

    public static ProduceResult Invalid(string message) => new(ResultCode.InvalidParameter.WithMessage(message));

    /// <summary>
    /// An instance id KooGate does not know: <c>000003</c>, except on a debug call (<c>testFlag=1</c>), which gets the
    /// canned success the seller-center debugger expects for ids typed by hand (saas-v2.md §3 common part, §7.6).
    /// </summary>
    public static ProduceResult Unknown<TRequest>(ProduceCall<TRequest> call, string instanceId)
        where TRequest : class => Unknown(call.IsTest, instanceId);

    public static ProduceResult Unknown(bool isTest, string instanceId) =>
        isTest ? Success() with { InstanceId = instanceId } : NotFound(instanceId);

    public static ProduceResult NotFound(string instanceId) =>
        new(ResultCode.InstanceNotFound.WithMessage($"instance {instanceId} does not exist")) { InstanceId = instanceId };
}
