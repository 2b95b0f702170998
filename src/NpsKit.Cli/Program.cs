namespace NpsKit.Cli;

internal static class Program
{
    // The only place that reads the system clock: "now" for options such as `nps eligible --at` when left out.
    private static int Main(string[] args) =>
        Cli.Run(args, Console.Out, Console.Error, showProgress: !Console.IsErrorRedirected, clock: TimeProvider.System, terminalWidth: TerminalWidth());

    /// <summary>The width tables fit: COLUMNS when set, else the terminal's, else none (output to a file or a pipe is
    /// never cut).</summary>
    private static int? TerminalWidth()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out int columns) && columns > 0)
        {
            return columns;
        }

        if (Console.IsOutputRedirected)
        {
            return null;
        }

        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
