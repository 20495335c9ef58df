using System.Text.Json;
using KooGate.Protocol.Messages;
using KooGate.Protocol.Validation;
using KooGate.Server.Produce.Pipeline;

namespace KooGate.Server.Produce.SaasV2;

/// <summary>
/// <c>newInstance</c> in either of its two shapes (saas-v2.md §3.1): the current body names only the order; the older
/// one carries the purchase in <c>buyerInfo</c>/<c>orderInfo[]</c> (§3.1.4). Exactly one is set.
/// </summary>
public sealed record NewInstanceMessage(NewInstanceRequest? Current, InlineNewInstanceRequest? Inline)
{
    public static FieldError? Bind(JsonElement root, out NewInstanceMessage? message)
    {
        message = null;
        if (InlineNewInstanceRequest.Matches(root))
        {
            var error = ActivityRoute<InlineNewInstanceRequest>.Parse(root, out var inline);
            message = inline is null ? null : new NewInstanceMessage(null, inline);
            return error;
        }

        var refused = ActivityRoute<NewInstanceRequest>.Parse(root, out var current);
        message = current is null ? null : new NewInstanceMessage(current, null);
        return refused;
    }
}
