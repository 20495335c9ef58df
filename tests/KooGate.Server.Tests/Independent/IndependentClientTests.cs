using System.Security.Cryptography;
using KooGate.Testing.Processes;

namespace KooGate.Server.Tests.Independent;

/// <summary>
/// Runs the independent, spec-only KooGallery client (tests/independent/lifecycle.mjs, Node.js) through the
/// whole SaaS V2 and Kit V2 lifecycle against the real server started with <c>dotnet run</c>.
/// </summary>
[Collection(ServerProcess.Collection)]
public sealed class IndependentClientTests : IDisposable
{
    private const string FrontEndUrlTemplate = "https://app.test/{instanceId}";

    private readonly string _work = Directory.CreateTempSubdirectory("koogate-independent-").FullName;
    private ServerProcess? _server;

    public void Dispose()
    {
        _server?.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task The_server_passes_every_check_of_the_independent_marketplace_client()
    {
        var node = await NodeClient.VersionAsync();
        var basicKey = NodeClient.NewKey();
        var basicPreviousKey = NodeClient.NewKey();
        var kitKey = NodeClient.NewKey();
        var (privateKeyPath, publicKeyPath) = WriteRsaKeyPair();

        _server = await ServerProcess.StartAsync(NodeClient.RepositoryRoot, NodeClient.BuildConfiguration, new Dictionary<string, string>
        {
            ["KooGate__Keys__Basic"] = $"{basicKey},{basicPreviousKey}",
            ["KooGate__Keys__Kit"] = kitKey,
            ["KooGate__Keys__License"] = NodeClient.NewKey(),
            ["KooGate__Keys__General"] = NodeClient.NewKey(),
            ["KooGate__Keys__V1"] = NodeClient.NewKey(),
            ["KooGate__ProductionPath"] = "/produce",
            ["KooGate__DataDirectory"] = Path.Combine(_work, "data"),
            ["KooGate__RsaPrivateKeyPath"] = privateKeyPath,
            ["KooGate__SecretsKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["KooGate__Admin__ApiKey"] = NodeClient.NewKey(),
            // A loaded CI machine can take longer than KooGallery's 5 s on a cold first call; this suite checks answers.
            ["KooGate__CallDeadlineMilliseconds"] = "30000",
            ["KooGate__Webhook__Secret"] = "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["KooGate__Provisioning__FrontEndUrlTemplate"] = FrontEndUrlTemplate,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        }, TimeSpan.FromSeconds(60));
        await _server.WarmUpAsync("/produce", basicKey: basicKey);

        var client = await NodeClient.RunAsync("node", [
            Path.Combine(NodeClient.RepositoryRoot, "tests", "independent", "lifecycle.mjs"),
            "--url", new Uri(_server.BaseAddress, "/produce").ToString(),
            "--basic-key", basicKey,
            "--basic-previous-key", basicPreviousKey,
            "--kit-key", kitKey,
            "--rsa-public-key", publicKeyPath,
            "--front-end-url-template", FrontEndUrlTemplate,
        ], TimeSpan.FromSeconds(120));

        Assert.True(client.ExitCode == 0,
            $"lifecycle.mjs ({node}) exited with {client.ExitCode}.\n{NodeClient.Summary(client.Output)}\n--- full client output ---\n"
            + $"{client.Output}\n{client.Error}\n--- end of the server log ---\n{NodeClient.Tail(_server.Log, 8000)}");
        Assert.Contains(" passed, 0 failed,", client.Output, StringComparison.Ordinal);
    }

    private (string PrivateKeyPath, string PublicKeyPath) WriteRsaKeyPair()
    {
        using var rsa = RSA.Create(3072); // saas-v2.md §2.7: key length >= 3072 bit
        var privateKeyPath = Path.Combine(_work, "rsa-private.pem");
        var publicKeyPath = Path.Combine(_work, "rsa-public.pem");
        File.WriteAllText(privateKeyPath, rsa.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(publicKeyPath, rsa.ExportSubjectPublicKeyInfoPem());
        return (privateKeyPath, publicKeyPath);
    }
}
