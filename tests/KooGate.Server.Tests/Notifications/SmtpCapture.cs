using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace KooGate.Server.Tests.Notifications;

/// <summary>One message as the SMTP server received it.</summary>
public sealed record CapturedMail(string From, IReadOnlyList<string> To, string? UserName, string? Password, MimeKit.MimeMessage Message)
{
    public string Body => Message.TextBody ?? string.Empty;
}

/// <summary>
/// A minimal SMTP server on a loopback port (plain text, EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT): enough for a real
/// SMTP client to hand over a message, which is parsed with MimeKit.
/// </summary>
public sealed class SmtpCapture : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<CapturedMail> _received = Channel.CreateUnbounded<CapturedMail>();
    private readonly Task _loop;

    public SmtpCapture()
    {
        _listener.Start();
        _loop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async Task<CapturedMail> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        return await _received.Reader.ReadAsync(cts.Token);
    }

    public bool TryTake(out CapturedMail? mail) => _received.Reader.TryRead(out mail);

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(() => ServeAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 capture ESMTP");
        string? from = null, user = null, password = null;
        var to = new List<string>();
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            var verb = line.Split(' ')[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-capture");
                    await writer.WriteLineAsync("250 AUTH PLAIN");
                    break;
                case "AUTH":
                    // AUTH PLAIN base64(\0user\0password), the credentials on the same line or after a 334 prompt.
                    var words = line.Split(' ');
                    if (words.Length < 3)
                    {
                        await writer.WriteLineAsync("334 ");
                    }

                    var credentials = words.Length >= 3 ? words[2] : await reader.ReadLineAsync(_stop.Token) ?? string.Empty;
                    var parts = Encoding.UTF8.GetString(Convert.FromBase64String(credentials)).Split('\0');
                    (user, password) = (parts[1], parts[2]);
                    await writer.WriteLineAsync("235 2.7.0 accepted");
                    break;
                case "MAIL":
                    from = Address(line);
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RCPT":
                    to.Add(Address(line));
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 go ahead");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                    {
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    }

                    using (var mime = new MemoryStream(Encoding.UTF8.GetBytes(data.ToString())))
                    {
                        await _received.Writer.WriteAsync(new CapturedMail(from!, [.. to], user, password, await MimeKit.MimeMessage.LoadAsync(mime)));
                    }

                    await writer.WriteLineAsync("250 OK queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return;
                default:
                    await writer.WriteLineAsync("250 OK");
                    break;
            }
        }
    }

    private static string Address(string line) => line[(line.IndexOf('<', StringComparison.Ordinal) + 1)..line.IndexOf('>', StringComparison.Ordinal)];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
