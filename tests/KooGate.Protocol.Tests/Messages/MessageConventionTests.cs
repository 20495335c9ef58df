using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using KooGate.Protocol.Messages;

namespace KooGate.Protocol.Tests.Messages;

/// <summary>Rules every message type follows, checked over the whole source-generation context.</summary>
public class MessageConventionTests
{
    private static readonly Type[] MessageTypes =
    [
        .. typeof(KooJsonContext).GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(JsonSerializableAttribute))
            .Select(a => (Type)a.ConstructorArguments[0].Value!)
            .Select(t => t.IsArray ? t.GetElementType()! : t)
            .Distinct(),
    ];

    private static IEnumerable<PropertyInfo> WireProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && p.GetCustomAttribute<JsonExtensionDataAttribute>() is null)
            .OrderBy(p => p.MetadataToken);

    [Fact]
    public void Context_registers_the_message_types() =>
        Assert.True(MessageTypes.Length >= 40, $"found {MessageTypes.Length}");

    [Fact]
    public void Every_wire_property_names_its_wire_field()
    {
        var unnamed = MessageTypes.SelectMany(t => WireProperties(t)
            .Where(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is null)
            .Select(p => $"{t.Name}.{p.Name}"));

        Assert.Empty(unnamed);
    }

    [Fact] // the signed V2/Kit/license-code payload is key-sorted; POST request records are declared that way
    public void Json_request_records_declare_their_fields_in_ordinal_wire_order()
    {
        var postRequests = MessageTypes.Where(t => t.Name.EndsWith("Request", StringComparison.Ordinal)
            && t.GetMethod("FromQuery", BindingFlags.Public | BindingFlags.Static) is null);

        foreach (var type in postRequests.Append(typeof(UsageRecord)))
        {
            var names = WireProperties(type).Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name).ToArray();
            Assert.True(names.SequenceEqual(names.Order(StringComparer.Ordinal)), $"{type.Name}: {string.Join(", ", names)}");
        }
    }

    [Fact]
    public void Every_message_type_round_trips_its_default_instance()
    {
        foreach (var type in MessageTypes)
        {
            var instance = Activator.CreateInstance(type)!;
            var typeInfo = KooJsonContext.Default.GetTypeInfo(type)!;

            var json = JsonSerializer.Serialize(instance, typeInfo);
            var back = JsonSerializer.Deserialize(json, typeInfo);

            Assert.Equal(json, JsonSerializer.Serialize(back, typeInfo));
        }
    }
}
