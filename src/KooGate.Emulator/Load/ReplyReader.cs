using System.Text.Json;
using KooGate.Protocol;

namespace KooGate.Emulator.Load;

/// <summary>Reads the two fields a load run needs from a reply, without building a document.</summary>
internal static class ReplyReader
{
    /// <summary>False unless the reply is a JSON object with a six-character string <c>resultCode</c> (README decision 11).</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, out string resultCode, out string? instanceId)
    {
        string? code = null;
        instanceId = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                resultCode = string.Empty;
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCode = reader.ValueTextEquals("resultCode"u8);
                var isInstance = !isCode && reader.ValueTextEquals("instanceId"u8);
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    reader.Skip();
                }
                else if (isCode)
                {
                    code = reader.ValueTextEquals("000000"u8) ? ResultCode.Success.Code : reader.GetString();
                }
                else if (isInstance)
                {
                    instanceId = reader.GetString();
                }
            }
        }
        catch (JsonException)
        {
            code = null;
        }

        resultCode = code ?? string.Empty;
        return code is { Length: 6 };
    }
}
