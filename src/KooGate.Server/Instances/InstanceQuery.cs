using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Server.Data;

namespace KooGate.Server.Instances;

/// <summary>
/// What <c>queryInstance</c> answers (SaaS V2 saas-v2.md §3.2, V1 saas-v1-and-joint.md §3.7): no known id is 000003; a
/// single id still provisioning is 000004 and a single failed one its failure code; otherwise success, listing the
/// provisioned instances in the order asked (<see cref="Listed"/>) with their cumulative usage. <see cref="InstanceId"/>
/// is what the callback log links the call to.
/// </summary>
public sealed record InstanceQuery(ResultCode Code, string? InstanceId, IReadOnlyList<InstanceRecord> Listed, IReadOnlyDictionary<string, decimal> Usage)
{
    private static readonly Dictionary<string, decimal> NoUsage = new(StringComparer.Ordinal);

    /// <summary>True when the reply lists <see cref="Listed"/>; otherwise it is <see cref="Code"/> alone.</summary>
    public bool Lists => Code.Code == ResultCode.Success.Code;

    /// <summary>The decision on the instances found (not released) for the distinct <paramref name="ids"/>; usage comes after.</summary>
    internal static InstanceQuery Decide(IReadOnlyList<string> ids, IReadOnlyList<InstanceRecord> found)
    {
        if (found.Count == 0)
        {
            return new InstanceQuery(ResultCode.InstanceNotFound.WithMessage("no such instance"), ids[0], [], NoUsage);
        }

        if (found.Count == 1 && ids.Count == 1 && found[0].State is InstanceState.Provisioning or InstanceState.Failed)
        {
            var single = found[0];
            var code = single.State == InstanceState.Provisioning ? ResultCode.Processing : ResultCode.FromCode(single.FailureCode ?? ResultCode.InternalError.Code);
            return new InstanceQuery(code, single.InstanceId, [], NoUsage);
        }

        var listed = found.Where(i => i.FrontEndUrl is not null).OrderBy(i => IndexOf(ids, i.InstanceId)).ToList();
        return new InstanceQuery(ResultCode.Success, ids.Count == 1 ? ids[0] : null, listed, NoUsage);
    }

    /// <summary>
    /// <c>usageInfo</c>: the cumulative usage the seller's app reported (pushed or not yet, the same totals as the usage
    /// pushes), for pay-per-use instances and any other with usage on record (the charging mode may be unknown: there is
    /// no open API to ask 查询订单 for it).
    /// </summary>
    public IReadOnlyList<UsageInfo>? UsageInfo(InstanceRecord instance, DateTimeOffset now) =>
        instance.ChargingMode is ChargingModes.OnDemand or ChargingModes.OnDemandPackage || Usage.ContainsKey(instance.InstanceId)
            ? [new UsageInfo { UsageValue = Usage.GetValueOrDefault(instance.InstanceId), StatisticalTime = KooTime.ToUtc17(now) }]
            : null;

    private static int IndexOf(IReadOnlyList<string> ids, string id)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (string.Equals(ids[i], id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
