using System.CommandLine;
using System.Text.Json;
using KooGate.Protocol.Messages;
using KooGate.Protocol.OpenApi;

namespace KooGate.Cli.Commands;

/// <summary><c>koogate usage push --file records.json</c>: 按需使用量推送(新), split into batches.</summary>
internal static class UsageCommands
{
    public const string AccessKeyVariable = "KOOGATE_USAGE_ACCESS_KEY";

    public static Command Create(CliContext context) => new("usage", "pay-per-use usage data (按需使用量推送)")
    {
        PushCommand(context),
    };

    private static Command PushCommand(CliContext context)
    {
        var file = new Option<string>("--file")
        {
            Description = "JSON file ('-' for stdin): {\"usage_records\":[...]} or a bare array of records",
            Required = true,
        };
        var accessKey = new Option<string>("--access-key")
        {
            Description = $"the 密钥管理 accessKey bound to the basic interface, which signs the body (or {AccessKeyVariable})",
        };
        var batchSize = new Option<int>("--batch-size")
        {
            Description = $"records per call (1-{MarketplaceClient.UsagePushLimit})",
            DefaultValueFactory = _ => MarketplaceClient.UsagePushLimit,
        };
        var command = new Command("push", Examples.Describe("push usage records; prints one response JSON line per batch", "koogate usage push --file usage.json --access-key $KEY", "cat usage.json | koogate usage push --file - --batch-size 500")) { file, accessKey, batchSize };
        return OpenApiAction.Create(context, command, async (result, session, cancellationToken) =>
        {
            var key = result.GetValue(accessKey);
            key = string.IsNullOrEmpty(key) ? context.GetEnvironment(AccessKeyVariable) : key;
            if (string.IsNullOrEmpty(key))
            {
                throw new CliInputException($"--access-key is required (or set {AccessKeyVariable})");
            }

            var size = result.GetValue(batchSize);
            if (size is < 1 or > MarketplaceClient.UsagePushLimit)
            {
                throw new CliInputException($"--batch-size must be between 1 and {MarketplaceClient.UsagePushLimit}");
            }

            var records = ReadRecords(result.GetValue(file)!);
            var client = new MarketplaceClient(session.Http, session.Credentials, session.Time) { MaxUsageRecordsPerPush = size };
            var batches = (records.Count + size - 1) / size;
            var accepted = 0;
            try
            {
                await foreach (var response in client.PushUsageInBatchesAsync(records, key, cancellationToken))
                {
                    OpenApiAction.Print(context, response);
                    accepted++;
                }
            }
            catch (MarketplaceApiException) when (accepted > 0)
            {
                context.Error.WriteLine(
                    $"note: batch {accepted + 1} of {batches} failed after {accepted} accepted batch(es); "
                    + "pushing the same file again is safe (the marketplace deduplicates by instance and time window)");
                throw;
            }

            return KooGateCli.Ok;
        });
    }

    private static List<UsageRecord> ReadRecords(string path)
    {
        var bytes = CliContext.ReadBody(path);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            var array = root.ValueKind == JsonValueKind.Array ? root
                : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("usage_records", out var inner) ? inner
                : throw new CliInputException($"'{path}' must hold {{\"usage_records\":[...]}} or a JSON array of records");
            if (array.ValueKind != JsonValueKind.Array)
            {
                throw new CliInputException($"usage_records in '{path}' is not an array");
            }

            return [.. array.EnumerateArray().Select((element, i) => element.ValueKind == JsonValueKind.Object
                ? KooJson.Deserialize<UsageRecord>(element)!
                : throw new CliInputException($"usage_records[{i}] in '{path}' is not an object"))];
        }
        catch (JsonException e)
        {
            throw new CliInputException($"'{path}' is not valid usage JSON: {e.Message}");
        }
    }
}
