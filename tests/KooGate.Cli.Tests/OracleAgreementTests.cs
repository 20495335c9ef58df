using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace KooGate.Cli.Tests;

/// <summary>
/// The CLI's outputs against the independent Node.js implementation (tests/independent/koogallery.mjs) on arbitrary
/// inputs: other keys, non-ASCII bodies, nested JSON and empty bodies.
/// </summary>
public sealed class OracleAgreementTests : IDisposable
{
    private const int CasesPerCommand = 40;
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private void AssertAgreement(int seed, Func<RandomInputs, (string[] Args, JsonObject Oracle)> makeCase)
    {
        var inputs = new RandomInputs(seed);
        var cases = Enumerable.Range(0, CasesPerCommand).Select(_ => makeCase(inputs)).ToList();
        var expected = Oracle.Run(cases.Select(c => c.Oracle).ToList());
        for (var i = 0; i < cases.Count; i++)
        {
            var result = CliRunner.InProcess(cases[i].Args);
            Assert.True(result.ExitCode == 0, $"case {i} exit {result.ExitCode}: {result.Error} {cases[i].Oracle.ToJsonString()}");
            Assert.True(expected[i] == result.Value, $"case {i} {cases[i].Oracle.ToJsonString()}\n oracle: {expected[i]}\n cli:    {result.Value}");
        }
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("kit")]
    public void Hex_signatures_agree(string scheme) => AssertAgreement(scheme.Length, r =>
    {
        var (key, nonce, ts, body) = (r.Key(), r.Nonce(), r.Timestamp(), r.Body());
        return (["sign", scheme, "--key", key, "--nonce", nonce, "--timestamp", ts, "--body-file", _files.Write(body)],
            new JsonObject { ["op"] = scheme, ["key"] = key, ["nonce"] = nonce, ["timestamp"] = ts, ["body"] = body });
    });

    [Fact]
    public void Auth_tokens_agree() => AssertAgreement(3, r =>
    {
        var parameters = Enumerable.Range(0, r.Next(6)).Select(_ => (Name: r.Alphanumeric(1, 10), Value: r.Text())).DistinctBy(p => p.Name)
            .Append((Name: "timeStamp", Value: r.TimeStamp17())).ToList();
        var key = r.Key();
        var args = new List<string> { "sign", "authtoken", "--key", key };
        foreach (var (name, value) in parameters)
        {
            args.AddRange(["--param", $"{name}={value}"]);
        }

        return (args.ToArray(), new JsonObject
        {
            ["op"] = "authtoken",
            ["key"] = key,
            ["params"] = new JsonArray(parameters.Select(p => (JsonNode)new JsonArray(p.Name, p.Value)).ToArray()),
        });
    });

    [Fact]
    public void Body_sign_headers_agree() => AssertAgreement(4, r =>
    {
        var (key, body) = (r.Key(), r.Body());
        return (["sign", "body", "--key", key, "--body-file", _files.Write(body)], new JsonObject { ["op"] = "body", ["key"] = key, ["body"] = body });
    });

    [Fact]
    public void Usage_push_signatures_agree() => AssertAgreement(5, r =>
    {
        var (key, ts, nonce, body) = (r.Key(), r.Timestamp(), Guid.NewGuid().ToString(), r.Body());
        return (["sign", "usage", "--key", key, "--ts", ts, "--nonce", nonce, "--body-file", _files.Write(body)],
            new JsonObject { ["op"] = "usage", ["key"] = key, ["ts"] = ts, ["nonce"] = nonce, ["body"] = body });
    });

    [Theory]
    [InlineData(256)]
    [InlineData(128)]
    public void Aes_encryption_agrees_and_decrypts_the_oracles_output(int bits) => AssertAgreement(bits, r =>
    {
        var (key, iv, text) = (r.Key(), r.Alphanumeric(16, 16), r.Text());
        return (["aes", "encrypt", "--key", key, "--bits", bits.ToString(System.Globalization.CultureInfo.InvariantCulture), "--iv", iv, "--text", text],
            new JsonObject { ["op"] = "aes-encrypt", ["key"] = key, ["bits"] = bits, ["iv"] = iv, ["text"] = text });
    });

    [Fact]
    public void Aes_decryption_of_oracle_ciphertexts_round_trips()
    {
        var r = new RandomInputs(7);
        var cases = Enumerable.Range(0, CasesPerCommand).Select(_ => new JsonObject
        {
            ["op"] = "aes-encrypt",
            ["key"] = r.Key(),
            ["bits"] = r.Pick(128, 256),
            ["iv"] = r.Alphanumeric(16, 16),
            ["text"] = r.Text() + "x",
        }).ToList();
        var encrypted = Oracle.Run(cases);
        for (var i = 0; i < cases.Count; i++)
        {
            var result = CliRunner.InProcess("aes", "decrypt", "--key", (string)cases[i]["key"]!, "--bits", cases[i]["bits"]!.ToString(), "--text", encrypted[i]);
            Assert.Equal(0, result.ExitCode);
            Assert.Equal((string)cases[i]["text"]!, result.Value);
        }
    }

    [Fact]
    public void Apig_authorizations_agree() => AssertAgreement(8, r =>
    {
        var segments = Enumerable.Range(0, r.Next(4) + 1).Select(_ => Uri.EscapeDataString(r.Pick(r.Alphanumeric(1, 8), r.Text(), "v1", "a b", "x~y")));
        var query = string.Join('&', Enumerable.Range(0, r.Next(4)).Select(_ => Uri.EscapeDataString(r.Alphanumeric(1, 6)) + "=" + Uri.EscapeDataString(r.Text())));
        var url = $"https://{r.Pick("mkt.myhuaweicloud.com", "127.0.0.1:8443", "mkt-intl.myhuaweicloud.com")}/{string.Join('/', segments)}" + (query.Length > 0 ? "?" + query : "");
        var (ak, sk, method, body) = (r.Alphanumeric(10, 20), r.Key(), r.Pick("GET", "POST", "PUT"), r.Body());
        var headers = new List<(string, string)> { ("Content-Type", r.Pick("application/json", "application/json;charset=UTF-8")) };
        if (r.Next(2) == 0)
        {
            headers.Add(("x-stage", "RELEASE"));
        }

        var args = new List<string> { "sign", "apig", "--ak", ak, "--sk", sk, "--method", method, "--url", url, "--date", "20240317T144237Z", "--body-file", _files.Write(body) };
        foreach (var (name, value) in headers)
        {
            args.AddRange(["--header", $"{name}:{value}"]);
        }

        return (args.ToArray(), new JsonObject
        {
            ["op"] = "apig",
            ["ak"] = ak,
            ["sk"] = sk,
            ["method"] = method,
            ["url"] = url,
            ["date"] = "20240317T144237Z",
            ["body"] = body,
            ["headers"] = new JsonArray(headers.Select(h => (JsonNode)new JsonArray(h.Item1, h.Item2)).ToArray()),
        });
    });

    [Fact]
    public void Canonical_payloads_agree_with_the_oracle()
    {
        var r = new RandomInputs(9);
        var bodies = Enumerable.Range(0, CasesPerCommand).Select(_ => r.Body()).Where(b => b.Length > 0).ToList();
        var expected = Oracle.Run(bodies.Select(b => new JsonObject { ["op"] = "canonical", ["body"] = b }).ToList());
        for (var i = 0; i < bodies.Count; i++)
        {
            Assert.Equal(expected[i], Protocol.Json.CanonicalJson.Canonicalize(bodies[i]));
        }
    }

    [Fact]
    public void Client_secrets_encrypted_by_the_oracle_decrypt()
    {
        using var rsa = RSA.Create(3072);
        var pem = rsa.ExportSubjectPublicKeyInfoPem();
        var cases = new[] { ("sha256", "secret-Ω-1"), ("sha1", "secret-2") }
            .Select(c => new JsonObject { ["op"] = "rsa-oaep-encrypt", ["publicKeyPem"] = pem, ["hash"] = c.Item1, ["text"] = c.Item2 }).ToList();
        var encrypted = Oracle.Run(cases);
        for (var i = 0; i < cases.Count; i++)
        {
            Assert.True(Protocol.Crypto.ClientSecretCipher.TryDecrypt(rsa, encrypted[i], out var secret, out _));
            Assert.Equal((string)cases[i]["text"]!, secret);
        }
    }
}
