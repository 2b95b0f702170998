namespace NpsKit.Cli;

internal static class Program
{
    // The only place that reads the system clock: "now" for options such as `nps eligible --at` when left out.
    private static int Main(string[] args) =>
        Cli.Run(args, Console.Out, Console.Error, showProgress: !Console.IsErrorRedirected, clock: TimeProvider.System);
}
