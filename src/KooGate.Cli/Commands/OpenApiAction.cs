using System.CommandLine;
using KooGate.Protocol.Messages;
using KooGate.Protocol.OpenApi;

namespace KooGate.Cli.Commands;

/// <summary>
/// Runs an open-API command: the response JSON on stdout and exit 0; a marketplace failure on stderr and exit 1; bad
/// input (options, files, values the client refuses before sending) on stderr and exit 2.
/// </summary>
internal static class OpenApiAction
{
    public static Command Create(
        CliContext context, Command command, Func<ParseResult, MarketplaceSession, CancellationToken, Task<int>> body)
    {
        var connection = new MarketplaceConnection();
        connection.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                using var session = connection.Connect(result, context);
                return await body(result, session, cancellationToken);
            }
            catch (CliInputException e)
            {
                return BadInput(context, e.Message);
            }
            catch (ArgumentException e)
            {
                var message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
                return BadInput(context, message);
            }
            catch (MarketplaceApiException e)
            {
                context.Error.WriteLine($"error: {e.Message}");
                if (e.IsAlreadyActivated)
                {
                    context.Error.WriteLine("note: the license code is already activated; continue with the heartbeat");
                }
                else
                {
                    context.Error.WriteLine(e.IsTransient ? "note: transient, retry later" : "note: not transient, retrying will not help");
                }

                return KooGateCli.RemoteFailure;
            }
        });
        return command;
    }

    public static int Print<T>(CliContext context, T response)
    {
        context.Out.WriteLine(KooJson.Serialize(response));
        return KooGateCli.Ok;
    }

    private static int BadInput(CliContext context, string message)
    {
        context.Error.WriteLine($"error: {message}");
        return KooGateCli.BadInput;
    }
}
