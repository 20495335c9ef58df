using System.Net;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;

namespace KooGate.Server.Tests.Storage;

public sealed class SqliteFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("koogate-folder-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_configured_sqlite_file_in_a_folder_that_does_not_exist_yet_is_created_at_start()
    {
        var file = Path.Combine(_root, "not", "there", "yet", "koogate.db");
        using (var host = new KooGateHost(connectionString: $"Data Source={file}"))
        {
            Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/readyz")).StatusCode);
        }

        Assert.True(File.Exists(file));
    }
}
