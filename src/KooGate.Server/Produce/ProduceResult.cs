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

    public static ProduceResult NotFound(string instanceId) =>
        new(ResultCode.InstanceNotFound.WithMessage($"instance {instanceId} does not exist")) { InstanceId = instanceId };
}
