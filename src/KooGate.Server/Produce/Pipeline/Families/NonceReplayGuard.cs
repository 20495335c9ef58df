using KooGate.Protocol;
using KooGate.Server.Produce.Verification;

namespace KooGate.Server.Produce.Pipeline.Families;

/// <summary>The V2 replay guard: a nonce is accepted once per key type, recorded durably before the call goes on.</summary>
public sealed class NonceReplayGuard(NonceStore nonces, ILogger<NonceReplayGuard> logger)
{
    public async ValueTask<ProduceResult?> CheckAsync(ProduceExchange call, string nonce)
    {
        bool fresh;
        try
        {
            fresh = await nonces.TryRecordAsync(call.KeyType.ToString(), nonce, call.Now);
        }
        catch (Exception e)
        {
            // The call cannot be checked for replay now (database down, shutting down); KooGallery retries it (README
            // decision 11), and a 200 000005 keeps the answer inside the protocol instead of a 500.
            logger.LogError(e, "could not record the nonce");
            return new ProduceResult(ResultCode.InternalError);
        }

        return fresh ? null : ProduceResult.Invalid("nonce has already been used");
    }
}
