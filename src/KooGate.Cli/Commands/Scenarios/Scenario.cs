using System.Text.Json;
using System.Text.Json.Serialization;
using YamlDotNet.Serialization;

namespace KooGate.Cli.Commands.Scenarios;

/// <summary>
/// A declarative sequence of marketplace actions against one production interface, with what each must cause
/// (docs/conformance.md, <i>Scenarios</i>). Read from YAML or JSON (same field names).
/// </summary>
internal sealed record Scenario
{
    public string Name { get; init; } = "scenario";

    /// <summary>The seller's production interface; <c>--production-url</c> overrides it.</summary>
    public string? ProductionUrl { get; init; }

    /// <summary>The basic key (V2) or V1 Key; <c>--key</c> overrides it.</summary>
    public string? Key { get; init; }

    public ScenarioProduct Product { get; init; } = new();

    public IReadOnlyList<ScenarioStep> Steps { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Parses a scenario file (YAML unless it ends in <c>.json</c>); bad input throws <see cref="CliInputException"/>.</summary>
    public static Scenario Parse(string text, bool json)
    {
        try
        {
            if (!json)
            {
                // YAML → JSON, so both formats share one model and one set of errors.
                var yaml = new DeserializerBuilder().Build().Deserialize<object>(text);
                text = new SerializerBuilder().JsonCompatible().Build().Serialize(yaml);
            }

            var scenario = JsonSerializer.Deserialize<Scenario>(text, Json) ?? throw new CliInputException("the scenario file is empty");
            return scenario.Steps.Count > 0 ? scenario : throw new CliInputException("the scenario has no steps");
        }
        catch (Exception e) when (e is JsonException or YamlDotNet.Core.YamlException)
        {
            throw new CliInputException("the scenario file is not valid: " + e.Message);
        }
    }
}

/// <summary>The product the scenario buys (created in a private emulator).</summary>
internal sealed record ScenarioProduct
{
    public string Id { get; init; } = "SCENARIO-PRODUCT";

    /// <summary><c>SaasV2</c> (default), <c>SaasV1</c> or <c>LicenseLegacy</c>.</summary>
    public string InterfaceVersion { get; init; } = "SaasV2";

    public string ChargingMode { get; init; } = "PERIOD";

    public string? PeriodType { get; init; } = "month";

    public decimal Price { get; init; } = 10m;

    public int TrialDays { get; init; }
}

/// <summary>
/// One action (exactly one of the action members) and its expectations. Actions: <c>purchase</c>, <c>trial</c>,
/// <c>renew</c>, <c>trialToFormal</c>, <c>upgrade</c>, <c>freeze</c>, <c>unfreeze</c>, <c>unsubscribe</c>,
/// <c>refund</c>, <c>advance</c>.
/// </summary>
internal sealed record ScenarioStep
{
    public string? Name { get; init; }

    public StepArguments? Purchase { get; init; }

    public StepArguments? Trial { get; init; }

    public StepArguments? Renew { get; init; }

    public StepArguments? TrialToFormal { get; init; }

    public StepArguments? Upgrade { get; init; }

    public StepArguments? Freeze { get; init; }

    public StepArguments? Unfreeze { get; init; }

    public StepArguments? Unsubscribe { get; init; }

    public StepArguments? Refund { get; init; }

    public StepArguments? Advance { get; init; }

    public StepExpectation? Expect { get; init; }

    /// <summary>The action's name and arguments; more or fewer than one action is an error.</summary>
    public (string Action, StepArguments Arguments) Action()
    {
        (string, StepArguments?)[] all =
        [
            ("purchase", Purchase), ("trial", Trial), ("renew", Renew), ("trialToFormal", TrialToFormal), ("upgrade", Upgrade),
            ("freeze", Freeze), ("unfreeze", Unfreeze), ("unsubscribe", Unsubscribe), ("refund", Refund), ("advance", Advance),
        ];
        var given = all.Where(a => a.Item2 is not null).ToList();
        return given.Count == 1
            ? (given[0].Item1, given[0].Item2!)
            : throw new CliInputException($"step '{Name ?? "(unnamed)"}' must have exactly one action (purchase, trial, renew, trialToFormal, upgrade, freeze, unfreeze, unsubscribe, refund, advance); it has {given.Count}");
    }
}

/// <summary>Arguments of an action (each action reads the ones it needs; write <c>{}</c> for none).</summary>
internal sealed record StepArguments
{
    public int? Periods { get; init; }

    /// <summary>The quantity (linearValue) an upgrade moves to.</summary>
    public decimal? LinearValue { get; init; }

    public double? Days { get; init; }

    public double? Hours { get; init; }
}

/// <summary>What the step must cause. Omitted members are not checked; <c>verdict</c> defaults to <c>success</c>.</summary>
internal sealed record StepExpectation
{
    /// <summary>The activities called during the step, in order (e.g. <c>[newInstance, queryInstance]</c>).</summary>
    public IReadOnlyList<string>? Calls { get; init; }

    /// <summary>The verdict every call of the step must have (<c>success</c>, <c>business-error</c>, <c>timeout</c>, …).</summary>
    public string? Verdict { get; init; }

    /// <summary>The result code every call of the step must have answered.</summary>
    public string? ResultCode { get; init; }

    /// <summary>The resource state after the step (<c>Active</c>, <c>Frozen</c>, <c>Released</c>, <c>Failed</c>, …).</summary>
    public string? State { get; init; }

    /// <summary>The status of the order the step placed (<c>Completed</c>, <c>Delivering</c>, <c>Failed</c>, <c>Refunded</c>).</summary>
    public string? OrderStatus { get; init; }
}
