using System.Text;
using KooGate.Conformance.Wire;
using KooGate.Protocol.Signing;

namespace KooGate.Conformance.Tests;

/// <summary>
/// The runner's signed requests, judged by the Protocol verifiers a server uses: the unfaulted request verifies, each
/// fault breaks exactly what it names.
/// </summary>
public sealed class ChannelTests
{
    private const string Key = "channel-key";
    private static readonly Uri Url = new("https://isv.example.com/isv/produce");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"activity":"newInstance","businessId":"b1","orderId":"O1","orderLineId":"O1-000001","testFlag":"1"}""");

    [Theory]
    [InlineData("None", SignatureVerdict.Valid)]
    [InlineData("WrongKey", SignatureVerdict.BadSignature)]
    [InlineData("TamperedBody", SignatureVerdict.BadSignature)]
    [InlineData("StaleTimestamp", SignatureVerdict.TimestampOutsideWindow)]
    [InlineData("MissingSignature", SignatureVerdict.MissingSignature)]
    public void V2_requests_verify_only_without_a_fault(string faultName, SignatureVerdict verdict)
    {
        var fault = Enum.Parse<Fault>(faultName);
        var request = new V2Channel(Url, Key, TimeProvider.System).Build(null, Body, fault);

        var query = QueryString.Parse(request.Uri.Query, plusAsSpace: false).ToDictionary(p => p.Key, p => p.Value);
        var check = V2Signature.Verify([Key], query.GetValueOrDefault("signature"), query["timestamp"], query["nonce"], request.Body, DateTimeOffset.UtcNow);

        Assert.Equal(verdict, check.Verdict);
        Assert.Equal("/isv/produce", request.Uri.AbsolutePath);
        Assert.Equal(fault == Fault.TamperedBody, !request.Body!.AsSpan().SequenceEqual(Body));
    }

    [Theory]
    [InlineData("None", SignatureVerdict.Valid)]
    [InlineData("WrongKey", SignatureVerdict.BadSignature)]
    [InlineData("TamperedBody", SignatureVerdict.BadSignature)]
    [InlineData("StaleTimestamp", SignatureVerdict.TimestampOutsideWindow)]
    public void Kit_V2_requests_go_to_the_appended_sub_path_and_verify_only_without_a_fault(string faultName, SignatureVerdict verdict)
    {
        var fault = Enum.Parse<Fault>(faultName);
        var request = new KitV2Channel(Url, Key, TimeProvider.System).Build("tenantSync", Body, fault);

        string Header(string name) => request.Headers.Single(h => h.Key == name).Value;
        var check = KitSignature.Verify([Key], Header(KitSignature.SignHeader), Header(KitSignature.TimestampHeader),
            Header(KitSignature.NonceHeader), request.Body, DateTimeOffset.UtcNow);

        Assert.Equal(verdict, check.Verdict);
        Assert.Equal("/isv/produce/produceAPI/v2/tenantSync", request.Uri.AbsolutePath);
    }

    [Theory]
    [InlineData("None", true)]
    [InlineData("WrongKey", false)]
    [InlineData("TamperedBody", false)]
    public void V1_queries_carry_an_authToken_over_every_parameter(string faultName, bool valid)
    {
        var fault = Enum.Parse<Fault>(faultName);
        var request = new V1GetChannel(Url, Key, TimeProvider.System).Build(
            [new("activity", "newInstance"), new("orderId", "O1"), new("saasExtendParams", "a+b/c=")], fault);

        Assert.Equal(valid, AuthToken.VerifyQuery([Key], request.Uri.Query).IsValid);
        Assert.Equal(HttpMethod.Get, request.Method);
    }

    [Fact]
    public void A_stale_V1_timeStamp_is_a_day_old_and_still_correctly_signed()
    {
        var request = new V1GetChannel(Url, Key, TimeProvider.System).Build([new("activity", "queryInstance"), new("instanceId", "i1")], Fault.StaleTimestamp);

        var parameters = QueryString.Parse(request.Uri.Query, plusAsSpace: false).ToDictionary(p => p.Key, p => p.Value);
        Assert.True(AuthToken.VerifyQuery([Key], request.Uri.Query).IsValid);
        Assert.True(Protocol.KooTime.TryParseUtcDigits(parameters["timeStamp"], out var sent));
        Assert.True(DateTimeOffset.UtcNow - sent > TimeSpan.FromHours(23));
    }

    [Theory]
    [InlineData("None", true)]
    [InlineData("WrongKey", false)]
    [InlineData("TamperedBody", false)]
    [InlineData("StaleTimestamp", true)]
    public void Kit_V1_requests_sign_the_body_fields_with_the_body_timeStamp(string faultName, bool valid)
    {
        var fault = Enum.Parse<Fault>(faultName);
        var channel = new KitV1Channel(Url, Key, TimeProvider.System);
        var timeStamp = channel.BodyTimeStamp(fault);
        var body = Protocol.Messages.KooJson.SerializeToUtf8Bytes(new Protocol.Messages.TenantSyncRequest
        {
            DomainName = "https://kgcheck.example.com",
            Flag = 1,
            InstanceId = "i1",
            Name = "n",
            TenantCode = "t",
            TenantId = "T1",
            TestFlag = 1,
            TimeStamp = timeStamp,
        });

        var request = channel.Build("tenantSync", body, fault);

        var token = request.Headers.Single(h => h.Key == AuthToken.ParameterName).Value;
        Assert.Equal(valid, AuthToken.VerifyKitBody([Key], token, request.Body).IsValid);
        Assert.Contains($"\"timeStamp\":\"{timeStamp}\"", Encoding.UTF8.GetString(request.Body!), StringComparison.Ordinal);
        Assert.True(Protocol.KooTime.TryParseChinaDigits(timeStamp, out var sent));
        Assert.Equal(fault == Fault.StaleTimestamp, DateTimeOffset.UtcNow - sent > TimeSpan.FromHours(23));
        Assert.Equal("/isv/produce/produceAPI/tenantSync", request.Uri.AbsolutePath);
    }

    [Fact]
    public void V2_and_Kit_V2_requests_carry_exactly_what_the_Protocol_signer_writes()
    {
        var v2 = new V2Channel(Url, Key, TimeProvider.System).Build(null, Body, Fault.None);
        var query = QueryString.Parse(v2.Uri.Query, plusAsSpace: false).ToDictionary(p => p.Key, p => p.Value!);
        Assert.Equal(
            V2Signature.SignedQuery(Key, query["nonce"], query["timestamp"], Encoding.UTF8.GetString(Body)),
            v2.Uri.Query.TrimStart('?'));

        var kit = new KitV2Channel(Url, Key, TimeProvider.System).Build("tenantSync", Body, Fault.None);
        var headers = kit.Headers.ToDictionary(h => h.Key, h => h.Value);
        Assert.Equal(
            KitSignature.SignedHeaders(Key, headers[KitSignature.NonceHeader], headers[KitSignature.TimestampHeader], Encoding.UTF8.GetString(Body)),
            kit.Headers);
    }

    [Theory]
    [InlineData("MissingSignature")]
    [InlineData("UnkeyedInnerHash")]
    public void V2_signature_faults_change_only_the_signature_parameter(string faultName)
    {
        var request = new V2Channel(Url, Key, TimeProvider.System).Build(null, Body, Enum.Parse<Fault>(faultName));

        var query = QueryString.Parse(request.Uri.Query, plusAsSpace: false).ToDictionary(p => p.Key, p => p.Value);
        var check = V2Signature.Verify([Key], query.GetValueOrDefault("signature"), query["timestamp"], query["nonce"], request.Body, DateTimeOffset.UtcNow);
        Assert.False(check.IsValid);
        Assert.Equal(faultName == "UnkeyedInnerHash", query.ContainsKey("signature"));
        Assert.Equal(Body, request.Body);
    }
}
