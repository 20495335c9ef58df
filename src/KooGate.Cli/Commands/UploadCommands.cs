using System.CommandLine;
using System.Text;

namespace KooGate.Cli.Commands;

/// <summary><c>koogate upload string|file</c>: 字符串/文件流上传 for a marketplace event (e.g. getLicenseAsync's eventId).</summary>
internal static class UploadCommands
{
    public static Command Create(CliContext context) => new("upload", "deliver a string or file for a marketplace event (字符串/文件流上传)")
    {
        StringCommand(context),
        FileCommand(context),
    };

    private static Option<string> EventId() => new("--event-id") { Description = "the marketplace event id (eventId)", Required = true };

    private static Command StringCommand(CliContext context)
    {
        var eventId = EventId();
        var text = new Option<string>("--text") { Description = "the string to deliver (at most 1024 characters)" };
        var textFile = new Option<string>("--text-file") { Description = "read the string from this UTF-8 file ('-' for stdin)" };
        var command = new Command("string", Examples.Describe("upload a string (type CHARACTERS)", "koogate upload string --event-id $EVENT_ID --text \"license: ABCD-1234\"")) { eventId, text, textFile };
        return OpenApiAction.Create(context, command, async (result, session, cancellationToken) =>
        {
            var value = (result.GetValue(text), result.GetValue(textFile)) switch
            {
                ({ } t, null) => t,
                (null, { } path) => Encoding.UTF8.GetString(CliContext.ReadBody(path)),
                _ => throw new CliInputException("give exactly one of --text and --text-file"),
            };
            return OpenApiAction.Print(context, await session.Client.UploadStringAsync(result.GetValue(eventId)!, value, cancellationToken));
        });
    }

    private static Command FileCommand(CliContext context)
    {
        var eventId = EventId();
        var file = new Option<string>("--file") { Description = "the file to deliver", Required = true };
        var fileName = new Option<string>("--file-name") { Description = "the name to send (default: the file's own name)" };
        var command = new Command("file", Examples.Describe("upload a file (type FILE) with its SHA-256", "koogate upload file --event-id $EVENT_ID --file license.lic")) { eventId, file, fileName };
        return OpenApiAction.Create(context, command, async (result, session, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            var name = result.GetValue(fileName) ?? Path.GetFileName(path);
            var content = CliContext.ReadBody(path);
            return OpenApiAction.Print(context, await session.Client.UploadFileAsync(result.GetValue(eventId)!, name, content, cancellationToken));
        });
    }
}
