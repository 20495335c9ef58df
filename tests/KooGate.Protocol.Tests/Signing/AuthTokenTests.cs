using System.Text;
using KooGate.Protocol.Signing;
using static KooGate.Protocol.Tests.SpecVectors;

namespace KooGate.Protocol.Tests.Signing;

public class AuthTokenTests
{
    private const string DemoQuery =
        "activity=newInstance&businessId=61e834ba-7b97-4418-b8f7-e5345137278c&customerId=68cbc86abc2018ab880d92f36422fa0e&expireTime=20200727153156&orderId=CS1906666666ABCDE&productId=00301-666666-0--0&testFlag=1&timeStamp=20200727073711903";

    [Fact] // saas-v2.md §2.6
    public void Get_token_matches_spec_vector() =>
        Assert.Equal("IzyXxySagieGHt354yIOhnCrv0vphQN0e9NuWT2MKNY=",
            AuthToken.Compute(TestAccessKey, QueryString.Parse(DemoQuery, plusAsSpace: false)));

    [Fact] // saas-v1-and-joint.md §2.9
    public void Get_token_matches_joint_spec_vector() =>
        Assert.Equal("rjND+EtzdPJCNyqrLt/LHR3JrNBZA/GGJbgOmLk2tqE=",
            AuthToken.Compute(TestKey0001, QueryString.Parse(DemoQuery, plusAsSpace: false)));

    [Fact] // license-order-openapi.md §A.1
    public void License_get_token_matches_spec_vector()
    {
        var parameters = new Dictionary<string, string?>
        {
            ["activity"] = "getLicense",
            ["customerId"] = "cust001",
            ["businessId"] = "biz-0001",
            ["orderId"] = "CS0000000001",
            ["productId"] = "OFFI000001",
            ["timeStamp"] = "20230101120000000",
            ["testFlag"] = "1",
        };
        Assert.Equal("activity=getLicense&businessId=biz-0001&customerId=cust001&orderId=CS0000000001&productId=OFFI000001&testFlag=1&timeStamp=20230101120000000",
            AuthToken.CanonicalString(parameters));
        Assert.Equal("SDCx/yslfYXN3eNMvfaFx/M4hnNHc+4SG3JaSRfo0qU=", AuthToken.Compute("testkey123", parameters));
    }

    [Fact] // saas-v1-and-joint.md §2.9 (V1 Kit, header variant)
    public void Kit_header_token_matches_spec_vector()
    {
        Assert.True(AuthToken.TryFlattenBody(Encoding.UTF8.GetBytes(TenantSyncBody), out var fields));
        Assert.Equal("domainName=https://example.tenantaccount.com&flag=1&instanceId=huaiweitest123456&name=huaiweitest&orderId=CS1906666666ABCDE&tenantCode=huawei&tenantId=68cbc86abc2018ab880d92f36422fa0e&testFlag=0&timeStamp=20220413093539534",
            AuthToken.CanonicalString(fields, skipBlank: true));
        Assert.Equal("Q2owqQZBeSpuekkVrs6CPkF8jB0nsYhlMhrmbkp5asI=", AuthToken.Compute(TestKey0001, fields, skipBlank: true));
        Assert.True(AuthToken.VerifyKitBody([TestKey0001], "\"Q2owqQZBeSpuekkVrs6CPkF8jB0nsYhlMhrmbkp5asI=\"", Encoding.UTF8.GetBytes(TenantSyncBody)).IsValid);
    }

    [Fact] // saas-v1-and-joint.md §2.2 step 2: empty instanceId/orderId are left out on credential application
    public void Kit_header_token_skips_blank_values()
    {
        const string body = """{"instanceId":"","orderId":"","tenantId":"t1","tenantCode":"c","name":"n","domainName":"https://d","flag":1,"testFlag":1,"timeStamp":"20220413093539534"}""";
        Assert.True(AuthToken.TryFlattenBody(Encoding.UTF8.GetBytes(body), out var fields));
        var token = AuthToken.Compute("k", fields, skipBlank: true);
        Assert.DoesNotContain("instanceId", AuthToken.CanonicalString(fields, skipBlank: true), StringComparison.Ordinal);
        Assert.True(AuthToken.VerifyKitBody(["k"], token, Encoding.UTF8.GetBytes(body)).IsValid);
        Assert.False(AuthToken.VerifyKitBody(["k"], token, Encoding.UTF8.GetBytes(body.Replace("\"flag\":1", "\"flag\":0", StringComparison.Ordinal))).IsValid);
    }

    [Fact]
    public void Verify_query_accepts_encoded_token_and_rejects_tampering()
    {
        var token = AuthToken.Compute(TestAccessKey, QueryString.Parse(DemoQuery, plusAsSpace: false));
        var query = DemoQuery + "&authToken=" + Uri.EscapeDataString(token);
        Assert.True(AuthToken.VerifyQuery([TestAccessKey], query).IsValid);
        Assert.Equal(SignatureVerdict.BadSignature, AuthToken.VerifyQuery([TestAccessKey], query.Replace("testFlag=1", "testFlag=0", StringComparison.Ordinal)).Verdict);
        Assert.Equal(SignatureVerdict.BadSignature, AuthToken.VerifyQuery(["wrong"], query).Verdict);
    }

    [Fact] // README decision 5: a '+' in the token that arrived as a space (or unencoded) is tolerated
    public void Token_plus_arriving_as_space_or_raw_plus_is_tolerated()
    {
        var parameters = QueryString.Parse(DemoQuery, plusAsSpace: false);
        var token = AuthToken.Compute(TestKey0001, parameters);
        Assert.Contains('+', token);
        Assert.True(AuthToken.VerifyQuery([TestKey0001], DemoQuery + "&authToken=" + token).IsValid);
        Assert.True(AuthToken.VerifyQuery([TestKey0001], DemoQuery + "&authToken=" + token.Replace('+', ' ')).IsValid);
        var withSpace = parameters.Append(new(AuthToken.ParameterName, token.Replace('+', ' '))).ToList();
        Assert.True(AuthToken.VerifyParameters([TestKey0001], withSpace, skipBlank: false).IsValid);
    }

    [Fact] // saas-v1-and-joint.md §2.1 step 1: an encoded Base64 value keeps its '+'
    public void Encoded_plus_in_a_value_is_signed_as_plus()
    {
        var parameters = new List<KeyValuePair<string, string?>> { new("activity", "newInstance"), new("mobilePhone", "abc+def/=="), new("timeStamp", "20200727073711903") };
        var token = AuthToken.Compute("k", parameters);
        var query = QueryString.Build(parameters) + "&authToken=" + Uri.EscapeDataString(token);
        Assert.Contains("%2B", query, StringComparison.Ordinal);
        Assert.True(AuthToken.VerifyQuery(["k"], query).IsValid);
    }

    [Fact]
    public void Missing_timestamp_or_token_is_reported()
    {
        Assert.Equal(SignatureVerdict.MissingTimestamp, AuthToken.VerifyQuery(["k"], "activity=x&authToken=abc").Verdict);
        Assert.Equal(SignatureVerdict.MissingSignature, AuthToken.VerifyQuery(["k"], "activity=x&timeStamp=20200727073711903").Verdict);
        Assert.Throws<ArgumentException>(() => AuthToken.Compute("k", [new KeyValuePair<string, string?>("a", "b")]));
    }

    [Fact]
    public void Query_decoding_is_strict_about_plus_and_handles_utf8()
    {
        var strict = QueryString.Parse("?a=1+2&b=%E5%BC%A0%2B&c&a=ignored", plusAsSpace: false);
        Assert.Equal(["a", "b", "c"], strict.Select(p => p.Key));
        Assert.Equal("1+2", strict[0].Value);
        Assert.Equal("张+", strict[1].Value);
        Assert.Equal("", strict[2].Value);
        Assert.Equal("1 2", QueryString.Parse("a=1+2", plusAsSpace: true)[0].Value);
        Assert.Equal("%zz%4", QueryString.Decode("%zz%4", plusAsSpace: false));
    }
}
