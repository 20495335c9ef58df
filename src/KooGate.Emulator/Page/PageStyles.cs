namespace KooGate.Emulator.Page;

/// <summary>The page's only stylesheet, inlined so no other URL is served.</summary>
internal static class PageStyles
{
    public const string Css = """
        body { font: 14px/1.4 system-ui, sans-serif; margin: 0 1.5rem 2rem; color: #1d2430; }
        h1 { font-size: 1.4rem; margin: 1rem 0 .25rem; } h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
        table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #dde2ea; vertical-align: top; }
        th { background: #f3f5f8; font-weight: 600; } code, pre { font: 12px/1.35 ui-monospace, monospace; }
        pre { white-space: pre-wrap; word-break: break-all; background: #f6f8fa; padding: .5rem; margin: .25rem 0; }
        form.inline { display: inline; } form { margin: .25rem 0; } button { margin: 0 .15rem .15rem 0; }
        .notice { background: #e7f6ec; padding: .5rem; } .error { background: #fdecea; padding: .5rem; }
        .muted { color: #6a7385; } .bad { color: #b3261e; font-weight: 600; } .good { color: #1e7b34; }
        .clock { font-size: 1.1rem; font-weight: 600; }
        """;
}
