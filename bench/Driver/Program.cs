using KooGate.Bench;

// The helper of bench/run: writes pre-signed request files for wrk, pre-fills a database, and drives a fixed-rate run.
return args switch
{
    ["new-requests", .. var rest] => RequestFiles.WriteNewInstance(Options.Parse(rest)),
    ["query-requests", .. var rest] => await RequestFiles.WriteQueryInstanceAsync(Options.Parse(rest)),
    ["prefill", .. var rest] => await Prefill.RunAsync(Options.Parse(rest)),
    ["rate", .. var rest] => await FixedRateRun.RunAsync(Options.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: KooGate.Bench new-requests   --key K --prefix P --count N --threads T --out FILE
               KooGate.Bench query-requests --key K --db CONNECTION --count N --threads T --out FILE
               KooGate.Bench prefill        --db CONNECTION --count N --prefix P
               KooGate.Bench rate           --url URL --key K --rps R --seconds S --prefix P
        """);
    return 2;
}
