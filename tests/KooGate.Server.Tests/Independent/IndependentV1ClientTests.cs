using System.Security.Cryptography;
using KooGate.Testing.Processes;

namespace KooGate.Server.Tests.Independent;

/// <summary>
/// Runs the independent, spec-only V1-era KooGallery client (tests/independent/lifecycle-v1.mjs, Node.js) against the
/// real server started with <c>dotnet run</c>: SaaS V1 GET, joint Kit V1, legacy License, license code 2.0,
/// getLicenseAsync and orderNotify, including offline verification of the issued licenses (docs/licenses.md).
/// </summary>
[Collection(ServerProcess.Collection)]
public sealed class IndependentV1ClientTests : IDisposable
{
    private const string FrontEndUrlTemplate = "https://app.test/{instanceId}";

    private readonly string _work = Directory.CreateTempSubdirectory("koogate-independent-v1-").FullName;
    private ServerProcess? _server;

    public void Dispose()
    {
        _server?.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task The_server_passes_every_check_of_the_independent_V1_marketplace_client()
    {
        var node = await NodeClient.VersionAsync();
        var v1Key = NodeClient.NewKey();
        var v1PreviousKey = NodeClient.NewKey();
        var licenseKey = NodeClient.NewKey();
        var generalKey = NodeClient.NewKey();
        var basicKey = NodeClient.NewKey();
        var rsaPublicKeyPath = WriteRsaKeyPair(out var rsaPrivateKeyPath);
        var licensePublicKeyPath = WriteLicenseSigningKey(out var licenseSigningKeyPath);

        _server = await ServerProcess.StartAsync(NodeClient.RepositoryRoot, NodeClient.BuildConfiguration, new Dictionary<string, string>
        {
            ["KooGate__Keys__Basic"] = basicKey,
            ["KooGate__Keys__Kit"] = NodeClient.NewKey(),
            ["KooGate__Keys__License"] = licenseKey,
            ["KooGate__Keys__General"] = generalKey,
            ["KooGate__Keys__V1"] = $"{v1Key},{v1PreviousKey}",
            ["KooGate__ProductionPath"] = "/produce",
            ["KooGate__DataDirectory"] = Path.Combine(_work, "data"),
            ["KooGate__RsaPrivateKeyPath"] = rsaPrivateKeyPath,
            ["KooGate__SecretsKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["KooGate__Admin__ApiKey"] = NodeClient.NewKey(),
            // A loaded CI machine can take longer than KooGallery's 5 s on a cold first call; this suite checks answers.
            ["KooGate__CallDeadlineMilliseconds"] = "30000",
            ["KooGate__Webhook__Secret"] = "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["KooGate__License__SigningKeyPath"] = licenseSigningKeyPath,
            ["KooGate__Provisioning__FrontEndUrlTemplate"] = FrontEndUrlTemplate,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        }, TimeSpan.FromSeconds(60));
        await _server.WarmUpAsync("/produce", v1Key: v1Key, basicKey: basicKey);

        var client = await NodeClient.RunAsync("node", [
            Path.Combine(NodeClient.RepositoryRoot, "tests", "independent", "lifecycle-v1.mjs"),
            "--url", new Uri(_server.BaseAddress, "/produce").ToString(),
            "--v1-key", v1Key,
            "--v1-previous-key", v1PreviousKey,
            "--license-key", licenseKey,
            "--general-key", generalKey,
            "--basic-key", basicKey,
            "--rsa-public-key", rsaPublicKeyPath,
            "--license-public-key", licensePublicKeyPath,
            "--front-end-url-template", FrontEndUrlTemplate,
        ], TimeSpan.FromSeconds(120));

        Assert.True(client.ExitCode == 0,
            $"lifecycle-v1.mjs ({node}) exited with {client.ExitCode}.\n{NodeClient.Summary(client.Output)}\n--- full client output ---\n"
            + $"{client.Output}\n{client.Error}\n--- end of the server log ---\n{NodeClient.Tail(_server.Log, 8000)}");
        Assert.Contains(" passed, 0 failed,", client.Output, StringComparison.Ordinal);
    }

    private string WriteRsaKeyPair(out string privateKeyPath)
    {
        using var rsa = RSA.Create(3072); // saas-v1-and-joint.md §2.8: key length >= 3072 bit
        privateKeyPath = Path.Combine(_work, "rsa-private.pem");
        var publicKeyPath = Path.Combine(_work, "rsa-public.pem");
        File.WriteAllText(privateKeyPath, rsa.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(publicKeyPath, rsa.ExportSubjectPublicKeyInfoPem());
        return publicKeyPath;
    }

    /// <summary>The production setup of docs/licenses.md: an ECDSA P-256 key file; the client gets the public half.</summary>
    private string WriteLicenseSigningKey(out string privateKeyPath)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        privateKeyPath = Path.Combine(_work, "license.pem");
        var publicKeyPath = Path.Combine(_work, "license.pub.pem");
        File.WriteAllText(privateKeyPath, ecdsa.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(publicKeyPath, ecdsa.ExportSubjectPublicKeyInfoPem());
        return publicKeyPath;
    }
}
