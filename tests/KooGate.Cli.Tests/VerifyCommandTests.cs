namespace KooGate.Cli.Tests;

/// <summary>The verify commands mirror the sign commands: exit 0 valid, 1 invalid, 2 bad input.</summary>
public sealed class VerifyCommandTests : IDisposable
{
    private const string Key = "testAccessKey123";
    private const string Nonce = "50D83FDECAED6CCD8EF597F2A577950527928BA287D04E6036E92B2806FD17DA";
    private const string Timestamp = "1680508066618";
    private const string KitBody = """{"domainName":"https://example.tenantaccount.com","flag":1,"instanceId":"huaiweitest123456","name":"huaiweitest","orderId":"CS1906666666ABCDE","tenantCode":"huawei","tenantId":"68cbc86abc2018ab880d92f36422fa0e","testFlag":0,"timeStamp":"20220413093539534"}""";
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1680508066618);
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private CliResult VerifyKit(string key, string body, string sign, DateTimeOffset now) =>
        CliRunner.InProcess(now, "verify", "kit", "--key", key, "--nonce", Nonce, "--timestamp", Timestamp, "--body-file", _files.Write(body), "--signature", sign);

    [Fact]
    public void Kit_spec_vector_is_valid_at_its_time_and_fails_when_tampered_stale_or_wrong_key()
    {
        const string sign = "0A1F9C33F239CDAEFDBAFB7FF518F1D479BAD40C7CE66B48D535471FF95072D5";
        Assert.Equal(0, VerifyKit(Key, KitBody, sign, At.AddSeconds(30)).ExitCode);
        Assert.Equal(0, VerifyKit(Key, KitBody, sign.ToLowerInvariant(), At).ExitCode);
        Assert.Equal(1, VerifyKit(Key, KitBody.Replace("\"flag\":1", "\"flag\":2", StringComparison.Ordinal), sign, At).ExitCode);
        Assert.Equal(1, VerifyKit(Key, KitBody, sign, At.AddSeconds(61)).ExitCode);
        Assert.Equal(1, VerifyKit(Key, KitBody, sign, At.AddSeconds(-61)).ExitCode);
        Assert.Equal(1, VerifyKit("wrongKey", KitBody, sign, At).ExitCode);
    }

    [Fact]
    public void Authtoken_verifies_spec_vector_and_tolerates_plus_as_space()
    {
        string[] parameters =
        [
            "--param", "activity=newInstance", "--param", "businessId=61e834ba-7b97-4418-b8f7-e5345137278c",
            "--param", "customerId=68cbc86abc2018ab880d92f36422fa0e", "--param", "expireTime=20200727153156",
            "--param", "orderId=CS1906666666ABCDE", "--param", "productId=00301-666666-0--0", "--param", "testFlag=1",
            "--param", "timeStamp=20200727073711903",
        ];
        const string token = "rjND+EtzdPJCNyqrLt/LHR3JrNBZA/GGJbgOmLk2tqE=";
        Assert.Equal(token, CliRunner.InProcess(["sign", "authtoken", "--key", "test-access-key-0001", .. parameters]).Value);
        Assert.Equal(0, CliRunner.InProcess(["verify", "authtoken", "--key", "test-access-key-0001", .. parameters, "--token", token]).ExitCode);
        Assert.Equal(0, CliRunner.InProcess(["verify", "authtoken", "--key", "test-access-key-0001", .. parameters, "--token", token.Replace('+', ' ')]).ExitCode);
        Assert.Equal(1, CliRunner.InProcess(["verify", "authtoken", "--key", "other", .. parameters, "--token", token]).ExitCode);
        Assert.Equal(1, CliRunner.InProcess(["verify", "authtoken", "--key", "test-access-key-0001", .. parameters[..^2], "--param", "timeStamp=20200727073711904", "--token", token]).ExitCode);
    }

    [Fact]
    public void Body_sign_verification_checks_case_quotes_and_bytes()
    {
        var body = _files.Write("""{"resultCode":"000000","resultMsg":"success."}""");
        const string value = "sign_type=\"HMAC-SHA256\", signature=\"MTRk2q83clWO4HHLQUfXiUtDjSMcNYXSL1bfbmtOrjc=\"";
        static CliResult Verify(string header, string file) => CliRunner.InProcess("verify", "body", "--key", "test-access-key-0001", "--body-file", file, "--header", header);

        Assert.Equal(value, CliRunner.InProcess("sign", "body", "--key", "test-access-key-0001", "--body-file", body).Value);
        Assert.Equal(0, Verify(value, body).ExitCode);
        Assert.Equal(0, Verify("Body-Sign: " + value, body).ExitCode);
        Assert.Equal(1, Verify("Body-sign: " + value, body).ExitCode);
        Assert.Equal(1, Verify(value.Replace("sign_type", "SIGN_TYPE", StringComparison.Ordinal), body).ExitCode);
        Assert.Equal(1, Verify(value.Replace("\"", "", StringComparison.Ordinal), body).ExitCode);
        Assert.Equal(1, Verify(value, _files.Write("""{"resultCode":"000000","resultMsg":"success."} """)).ExitCode);
    }

    [Fact]
    public void Empty_body_is_signed_and_verified()
    {
        var empty = _files.Write([]);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1700000000000);
        var sign = CliRunner.InProcess("sign", "v2", "--key", "k", "--nonce", "n", "--timestamp", "1700000000000", "--body-file", empty).Value;
        Assert.Matches("^[0-9a-f]{64}$", sign);
        Assert.Equal(0, CliRunner.InProcess(now, "verify", "v2", "--key", "k", "--nonce", "n", "--timestamp", "1700000000000", "--body-file", empty, "--signature", sign).ExitCode);
    }
}
