namespace KooGate.Protocol.Validation;

/// <summary>
/// A message with rules that depend on another of its fields, which attributes cannot state: a Kit delete
/// (<c>flag</c> 0) carries only the keys of what it deletes, an add or modify everything (saas-v1-and-joint.md §5).
/// <see cref="MessageValidator"/> runs them after the message's attribute rules passed.
/// </summary>
public interface IConditionalRules
{
    /// <summary>The first broken rule, its field named relative to this message; null when none.</summary>
    FieldError? CheckConditions();
}

/// <summary>Building blocks of <see cref="IConditionalRules.CheckConditions"/>.</summary>
public static class ConditionalRules
{
    /// <summary>The first of <paramref name="fields"/> that is null or empty, reported as missing.</summary>
    public static FieldError? FirstMissing(params (string Field, string? Value)[] fields)
    {
        foreach (var (field, value) in fields)
        {
            if (string.IsNullOrEmpty(value))
            {
                return new FieldError(field, "is missing");
            }
        }

        return null;
    }
}
