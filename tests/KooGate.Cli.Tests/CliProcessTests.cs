namespace KooGate.Cli.Tests;

/// <summary>The real <c>koogate</c> process: the value alone on stdout, exit 0; a clear error and exit 2 on bad input.</summary>
public sealed class CliProcessTests : IDisposable
{
    private const string NewInstanceBody = """{"activity":"newInstance","businessId":"87b94795-0603-4e24-8ae5-69420d60e3c8","orderId":"CS2211181819B4LVS","orderLineId":"CS2211181819B4LVS-000001","testFlag":"1"}""";
    private const string Nonce = "50D83FDECAED6CCD8EF597F2A577950527928BA287D04E6036E92B2806FD17DA";
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Sign_v2_prints_only_the_spec_signature()
    {
        var result = CliRunner.Process("sign", "v2", "--key", "testAccessKey123", "--nonce", Nonce, "--timestamp", "1680508066618", "--body-file", _files.Write(NewInstanceBody), "--upper");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("CD8D59BB7FCF7574752B5EB0ED04B3ACF4A759DA53F24D30A79ABE45C5D1BA25\n", result.Out.ReplaceLineEndings("\n"));
        Assert.Empty(result.Error);
    }

    [Fact]
    public void Aes_encrypt_prints_the_spec_ciphertext()
    {
        var result = CliRunner.Process("aes", "encrypt", "--key", "testAccessKey123", "--bits", "128", "--iv", "0123456789abcdef", "--text", "15905222222");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("0123456789abcdefPFDjY/djRJ3uBqbp4NUJlQ==", result.Value);
    }

    [Fact]
    public void Verify_v2_with_current_timestamp_exits_0_and_stale_exits_1()
    {
        var body = _files.Write(NewInstanceBody);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = CliRunner.Process("sign", "v2", "--key", "k1", "--nonce", "n1", "--timestamp", now, "--body-file", body).Value;
        Assert.Equal(0, CliRunner.Process("verify", "v2", "--key", "k1", "--nonce", "n1", "--timestamp", now, "--body-file", body, "--signature", signature).ExitCode);
        var stale = CliRunner.Process("verify", "v2", "--key", "testAccessKey123", "--nonce", Nonce, "--timestamp", "1680508066618", "--body-file", body,
            "--signature", "CD8D59BB7FCF7574752B5EB0ED04B3ACF4A759DA53F24D30A79ABE45C5D1BA25");
        Assert.Equal(1, stale.ExitCode);
        Assert.Contains("window", stale.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sign", "v2", "--key", "k")]
    [InlineData("sign", "authtoken", "--key", "k", "--param", "activity=x")]
    [InlineData("sign", "authtoken", "--key", "k", "--param", "noequals")]
    [InlineData("aes", "encrypt", "--key", "k", "--bits", "192", "--text", "x")]
    [InlineData("aes", "encrypt", "--key", "k", "--bits", "256", "--iv", "short", "--text", "x")]
    [InlineData("aes", "decrypt", "--key", "k", "--bits", "256", "--text", "0123456789abcdefpTSyOaKf048QAD4+da3u")]
    [InlineData("sign", "apig", "--ak", "a", "--sk", "s", "--method", "GET", "--url", "not a url", "--date", "20240317T144237Z")]
    [InlineData("sign", "apig", "--ak", "a", "--sk", "s", "--method", "GET", "--url", "https://h/x", "--date", "2024-03-17")]
    [InlineData("sign", "body", "--key", "k", "--body-file", "/nonexistent/body.json")]
    [InlineData("sign", "nosuchscheme")]
    [InlineData("frobnicate")]
    public void Bad_input_exits_2_with_an_error_on_stderr(params string[] args)
    {
        var result = CliRunner.Process(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.StartsWith("error:", result.Error, StringComparison.Ordinal);
    }
}
