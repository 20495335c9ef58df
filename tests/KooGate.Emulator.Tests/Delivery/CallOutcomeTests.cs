using System.Text.Json;
using KooGate.Emulator.Delivery;
using KooGate.Protocol.Messages;

namespace KooGate.Emulator.Tests.Delivery;

/// <summary>The emulator reads a production-interface reply through the Protocol record the server writes it with.</summary>
public sealed class CallOutcomeTests
{
    [Fact]
    public void A_create_reply_is_read_through_NewInstanceResponse()
    {
        var outcome = Outcome("""{"resultCode":"000000","resultMsg":"success.","encryptType":"2","instanceId":"i1","appInfo":{"frontEndUrl":"https://a.example.com","userName":"enc"}}""");

        var reply = outcome.Read<NewInstanceResponse>();

        Assert.NotNull(reply);
        Assert.Equal(("i1", "2", "https://a.example.com", "enc"), (reply.InstanceId, reply.EncryptType, reply.AppInfo!.FrontEndUrl, reply.AppInfo.UserName));
    }

    [Fact]
    public void A_query_reply_with_sample_style_nulls_is_read_and_one_that_does_not_fit_the_record_is_not()
    {
        var query = Outcome("""{"resultCode":"000000","resultMsg":"success.","instanceId":null,"info":[{"instanceId":"i1","appInfo":{"frontEndUrl":"https://a"},"usageInfo":null}]}""");
        var misfit = Outcome("""{"resultCode":"000000","resultMsg":"success.","info":"not a list"}""");

        Assert.Equal("https://a", query.Read<QueryInstanceResponse>()!.Info![0].AppInfo!.FrontEndUrl);
        Assert.Null(misfit.Read<QueryInstanceResponse>());
    }

    private static CallOutcome Outcome(string json) =>
        new(Verdicts.Success, "000000", JsonDocument.Parse(json).RootElement.Clone(), null);
}
