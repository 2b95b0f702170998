using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace NpsKit.TestUtilities;

/// <summary>
/// A throw-away PostgreSQL cluster: <c>initdb</c> into a temporary folder, <c>pg_ctl start</c> on a free local port
/// (as the unprivileged <c>postgres</c> user when the tests run as root, since initdb refuses root), stopped and
/// deleted on dispose. <c>.ci/run</c> installs Debian's <c>postgresql</c> package when it is missing.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _folder;
    private readonly string _binaries;
    private readonly bool _asPostgres;

    public PostgresServer()
    {
        _binaries = Binaries() ?? throw new InvalidOperationException(PostgresFactAttribute.MissingReason);
        _asPostgres = Environment.UserName == "root";
        _folder = Path.Combine(Path.GetTempPath(), "npskit-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        if (_asPostgres)
        {
            Run("chown", "postgres", _folder);
        }

        string data = Path.Combine(_folder, "data");
        Port = FreePort();
        Pg("initdb", "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale");
        Pg("pg_ctl", "-D", data, "-l", Path.Combine(_folder, "log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off",
            "start");
        ConnectionString = $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=30;Command Timeout=300";
    }

    public int Port { get; }

    public string ConnectionString { get; }

    public void Dispose()
    {
        try
        {
            Pg("pg_ctl", "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>The folder of initdb and pg_ctl (Debian keeps them out of PATH), or null when PostgreSQL is not installed
    /// (or <c>NPSKIT_NO_POSTGRES=1</c> asks to behave as if it were not).</summary>
    public static string? Binaries()
    {
        if (Environment.GetEnvironmentVariable("NPSKIT_NO_POSTGRES") == "1" || (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()))
        {
            return null;
        }

        if (Environment.UserName == "root" && !HasPostgresUser())
        {
            return null; // initdb refuses root, and there is no unprivileged 'postgres' account to run it as
        }

        var candidates = new List<string>();
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            // Debian's layout, /usr/lib/postgresql/<major>/bin: the newest major first (numerically: 15 before 9.6).
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Contains('.', StringComparison.Ordinal) ? Path.GetFileName(d) : Path.GetFileName(d) + ".0", out Version? v) ? v : new Version(0, 0))
                .Select(d => Path.Combine(d, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    /// <summary>Whether the system has the <c>postgres</c> account Debian's package creates.</summary>
    private static bool HasPostgresUser() =>
        File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(l => l.StartsWith("postgres:", StringComparison.Ordinal));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Pg(string tool, params string[] args)
    {
        string exe = Path.Combine(_binaries, tool);
        if (_asPostgres)
        {
            Run("runuser", ["-u", "postgres", "--", exe, .. args]);
        }
        else
        {
            Run(exe, args);
        }
    }

    private static void Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        using Process process = Process.Start(info)!;
        // pg_ctl start leaves the server running with our pipes inherited: read to the end only after it exits.
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} did not finish in 120 s.");
        }

        if (process.ExitCode != 0)
        {
            Task.WaitAll([output, error], 5_000);
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {(error.IsCompleted ? error.Result : string.Empty)} {(output.IsCompleted ? output.Result : string.Empty)}");
        }
    }
}

/// <summary>A fact that runs against a throw-away PostgreSQL cluster, reported as skipped (with the reason) when
/// PostgreSQL's server binaries are not installed — never passed silently.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string MissingReason =
        "PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/<version>/bin or on PATH (or, running as root, no 'postgres' account to run them as; or NPSKIT_NO_POSTGRES=1): install Debian's 'postgresql' package (apt-get install -y postgresql), as .ci/run does.";

    public PostgresFactAttribute()
    {
        if (PostgresServer.Binaries() is null)
        {
            Skip = MissingReason;
        }
    }
}

/// <summary>A theory with the same skip rule as <see cref="PostgresFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresServer.Binaries() is null)
        {
            Skip = PostgresFactAttribute.MissingReason;
        }
    }
}
