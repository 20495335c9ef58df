using KooGate.Protocol;
using KooGate.Protocol.Messages;

namespace KooGate.Server.Produce;

/// <summary>
/// A handler's answer: the result code, the typed reply it is written as (a <c>KooGate.Protocol</c> response record;
/// <see cref="ProduceResponse"/> when the reply carries only <c>resultCode</c>/<c>resultMsg</c>), and what the
/// callback log should link it to.
/// </summary>
public sealed record ProduceResult(ResultCode Code, ProduceReply? Reply = null)
{
    public string? InstanceId { get; init; }

    public string? OrderId { get; init; }

    public static ProduceResult Success() => new(ResultCode.Success);

    /// <summary>Answers <paramref name="code"/> with the typed reply <paramref name="response"/> (its own code is replaced).</summary>
    public static ProduceResult With<TResponse>(ResultCode code, TResponse response)
        where TResponse : class, IProduceResponse<TResponse> => new(code, ProduceReply.Of(response));

    /// <summary><c>queryInstance</c>'s answer: <paramref name="query"/>'s code alone, or success with the reply listing its instances.</summary>
    public static ProduceResult Of<TResponse>(Instances.InstanceQuery query, Func<TResponse> listing)
        where TResponse : class, IProduceResponse<TResponse> =>
        (query.Lists ? With(ResultCode.Success, listing()) : new ProduceResult(query.Code)) with { InstanceId = query.InstanceId };

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

/// <summary>
/// The typed body of a reply, serialised by the source-generated <see cref="KooJsonContext"/> with the call's result
/// code stamped on it, so the fields and their order are the record's.
/// </summary>
public abstract class ProduceReply
{
    /// <summary>The record as written, for tests and logs.</summary>
    public abstract IProduceResponse Response { get; }

    public static ProduceReply Of<TResponse>(TResponse response)
        where TResponse : class, IProduceResponse<TResponse> => new Typed<TResponse>(response);

    public abstract byte[] Serialize(ResultCode code);

    private sealed class Typed<TResponse>(TResponse response) : ProduceReply
        where TResponse : class, IProduceResponse<TResponse>
    {
        public override IProduceResponse Response => response;

        public override byte[] Serialize(ResultCode code) => KooJson.SerializeToUtf8Bytes(response.WithResult(code));
    }
}
