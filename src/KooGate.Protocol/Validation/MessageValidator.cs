using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KooGate.Protocol.Validation;

/// <summary>
/// Checks a message against the <see cref="ValidationAttribute"/>s on its properties (DataAnnotations plus
/// <see cref="WireValidationAttribute"/>s), descending into nested message objects and lists. Fields are reported by
/// their wire name (<see cref="JsonPropertyNameAttribute"/>), as a path for nested values.
/// </summary>
public static class MessageValidator
{
    private static readonly ConcurrentDictionary<Type, FieldRule[]> Rules = new();

    /// <summary>The first problem in declaration order, or null when the message is valid.</summary>
    public static FieldError? Validate(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var errors = new List<FieldError>(1);
        Walk(message, null, errors, firstOnly: true);
        return errors.Count == 0 ? null : errors[0];
    }

    public static IReadOnlyList<FieldError> ValidateAll(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var errors = new List<FieldError>();
        Walk(message, null, errors, firstOnly: false);
        return errors;
    }

    private static void Walk(object message, string? prefix, List<FieldError> errors, bool firstOnly)
    {
        foreach (var rule in Rules.GetOrAdd(message.GetType(), BuildRules))
        {
            var value = rule.Property.GetValue(message);
            var field = prefix is null ? rule.WireName : $"{prefix}.{rule.WireName}";
            if (FindProblem(rule, value) is { } problem)
            {
                errors.Add(new FieldError(field, problem));
            }
            else if (value is not null && IsMessage(value.GetType()))
            {
                Walk(value, field, errors, firstOnly);
            }
            else if (value is IEnumerable items and not string)
            {
                var index = 0;
                foreach (var item in items)
                {
                    if (item is not null && IsMessage(item.GetType()))
                    {
                        Walk(item, $"{field}[{index}]", errors, firstOnly);
                    }

                    index++;
                    if (firstOnly && errors.Count > 0)
                    {
                        return;
                    }
                }
            }

            if (firstOnly && errors.Count > 0)
            {
                return;
            }
        }

        if ((!firstOnly || errors.Count == 0) && message is IConditionalRules conditional && conditional.CheckConditions() is { } broken)
        {
            errors.Add(prefix is null ? broken : broken with { Field = $"{prefix}.{broken.Field}" });
        }
    }

    private static string? FindProblem(FieldRule rule, object? value)
    {
        foreach (var attribute in rule.Attributes)
        {
            // DataAnnotations rules other than [Required] treat null as valid, except [AllowedValues]; optional
            // fields may always be absent.
            if ((value is not null || attribute is RequiredAttribute) && !attribute.IsValid(value))
            {
                return Describe(attribute, value);
            }
        }

        return null;
    }

    private static string Describe(ValidationAttribute attribute, object? value) => attribute switch
    {
        RequiredAttribute => "is missing",
        WireValidationAttribute wire => wire.Problem,
        MaxLengthAttribute max when value is string => $"is longer than {max.Length} characters",
        MaxLengthAttribute max => $"has more than {max.Length} entries",
        MinLengthAttribute { Length: 1 } => "must not be empty",
        MinLengthAttribute min when value is string => $"is shorter than {min.Length} characters",
        MinLengthAttribute min => $"has fewer than {min.Length} entries",
        AllowedValuesAttribute allowed => $"must be one of {string.Join(", ", allowed.Values.Select(FormatValue))}",
        DeniedValuesAttribute => "has a value that is not allowed",
        _ => "is invalid",
    };

    private static string FormatValue(object? value) =>
        Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";

    private static bool IsMessage(Type type) =>
        type is { IsClass: true, IsArray: false } && type.Assembly == typeof(MessageValidator).Assembly
        && type.Namespace == "KooGate.Protocol.Messages";

    private static FieldRule[] BuildRules(Type type) =>
    [
        .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0
                && p.GetCustomAttribute<JsonIgnoreAttribute>() is null
                && p.GetCustomAttribute<JsonExtensionDataAttribute>() is null)
            .OrderBy(p => p.MetadataToken)
            .Select(p => new FieldRule(
                p,
                p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                [.. p.GetCustomAttributes<ValidationAttribute>().OrderBy(a => a is RequiredAttribute ? 0 : 1)])),
    ];

    private sealed record FieldRule(PropertyInfo Property, string WireName, ValidationAttribute[] Attributes);
}
