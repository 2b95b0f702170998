using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NpsKit.Tests.Samples;

/// <summary>
/// Turns a <c>samples/scripts/*.cs</c> file-based app into a Polyglot Notebook (.NET Interactive, C# kernel, nbformat 4),
/// so the notebook's code is exactly the script code that <see cref="ScriptTests"/> runs. The conventions are in
/// <c>samples/scripts/README.md</c>:
/// <list type="bullet">
/// <item><c>/* md</c> … <c>*/</c> blocks become Markdown cells;</item>
/// <item><c>// cell: name</c> … <c>// end cell</c> blocks become code cells: a line ending in <c>// script only</c> is left out,
/// and a line <c>// notebook: code</c> becomes <c>code</c>;</item>
/// <item>the text before the first block (header, <c>#:</c> directives, usings, script-only setup) is replaced by one
/// generated setup cell: <c>#r "nuget: …"</c> for each <c>#:project</c>, the script's usings, and formatters that show
/// NpsKit's series and cubes as HTML tables;</item>
/// <item>nothing else may stand between blocks (blank lines and <c>//</c> comments only), so no script code escapes the notebook.</item>
/// </list>
/// </summary>
internal static partial class NotebookGenerator
{
    private const string ScriptOnly = "// script only";

    /// <summary>The first lines of every notebook's setup cell: the kernel cannot take a relative feed path, so a reader
    /// (and NotebookExecutionTests) puts the full path of the packed packages in the second line and uncomments it.</summary>
    public const string LocalFeedHint = "// Until NpsKit is on the public feed: pack it (README.md, \"Install\"), then put the full path of npskit/artifacts/packages here and uncomment:";

    /// <summary>The commented <c>#i</c> line that adds the local feed.</summary>
    public const string LocalFeedLine = "// #i \"nuget: /full/path/to/npskit/artifacts/packages\"";

    /// <summary>The version every <c>#r</c> line loads: the newest, prereleases included.</summary>
    public const string PackageVersion = "*-*";
    private const string NotebookPrefix = "// notebook: ";

    /// <summary>Generates the notebook JSON (Jupyter's layout: one-space indent, <c>\n</c> line ends, a final newline).</summary>
    /// <param name="scriptName">The script's file name, for messages.</param>
    /// <param name="script">The script's text.</param>
    /// <param name="packageVersion">The NpsKit package version the <c>#r</c> lines load.</param>
    public static string Generate(string scriptName, string script, string packageVersion)
    {
        IReadOnlyList<NotebookCell> cells = Cells(scriptName, script, packageVersion);
        var buffer = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, IndentSize = 1, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var json = new Utf8JsonWriter(buffer, options))
        {
            json.WriteStartObject();
            json.WriteStartArray("cells");
            foreach (NotebookCell cell in cells)
            {
                json.WriteStartObject();
                json.WriteString("cell_type", cell.IsCode ? "code" : "markdown");
                if (cell.IsCode)
                {
                    json.WriteNull("execution_count");
                }

                json.WriteStartObject("metadata");
                if (cell.IsCode)
                {
                    json.WriteStartObject("dotnet_interactive");
                    json.WriteString("language", "csharp");
                    json.WriteEndObject();
                    json.WriteStartObject("polyglot_notebook");
                    json.WriteString("kernelName", "csharp");
                    json.WriteEndObject();
                }

                json.WriteEndObject();
                if (cell.IsCode)
                {
                    json.WriteStartArray("outputs");
                    json.WriteEndArray();
                }

                json.WriteStartArray("source");
                string[] lines = cell.Source.Split('\n');
                for (int i = 0; i < lines.Length; i++)
                {
                    json.WriteStringValue(i < lines.Length - 1 ? lines[i] + "\n" : lines[i]);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("metadata");
            json.WriteStartObject("kernelspec");
            json.WriteString("display_name", ".NET (C#)");
            json.WriteString("language", "C#");
            json.WriteString("name", ".net-csharp");
            json.WriteEndObject();
            json.WriteStartObject("language_info");
            json.WriteString("file_extension", ".cs");
            json.WriteString("mimetype", "text/x-csharp");
            json.WriteString("name", "C#");
            json.WriteString("pygments_lexer", "csharp");
            json.WriteEndObject();
            json.WriteStartObject("polyglot_notebook");
            json.WriteStartObject("kernelInfo");
            json.WriteString("defaultKernelName", "csharp");
            json.WriteStartArray("items");
            json.WriteStartObject();
            json.WriteStartArray("aliases");
            json.WriteEndArray();
            json.WriteString("name", "csharp");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteNumber("nbformat", 4);
            json.WriteNumber("nbformat_minor", 5);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The notebook's cells, in order: the Markdown blocks and code cells of the script, with the generated
    /// setup cell before the first code cell.</summary>
    public static IReadOnlyList<NotebookCell> Cells(string scriptName, string script, string packageVersion)
    {
        string[] lines = script.Replace("\r\n", "\n").Split('\n');
        var cells = new List<NotebookCell>();
        var packages = new List<string>();
        var usings = new List<string>();
        bool preamble = true, setupAdded = false;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            string trimmed = line.Trim();
            if (trimmed == "/* md")
            {
                preamble = false;
                int end = Find(lines, i + 1, "*/", scriptName, "/* md");
                cells.Add(new NotebookCell(false, string.Join('\n', lines[(i + 1)..end]).Trim('\n')));
                i = end;
            }
            else if (trimmed.StartsWith("// cell: ", StringComparison.Ordinal))
            {
                preamble = false;
                int end = Find(lines, i + 1, "// end cell", scriptName, trimmed);
                if (!setupAdded)
                {
                    cells.Add(new NotebookCell(false, "Load NpsKit from NuGet, and show its series and cubes as tables (NpsKit's `ToHtml()`; the library has no notebook dependency)."));
                    cells.Add(new NotebookCell(true, Setup(packages, usings, packageVersion)));
                    setupAdded = true;
                }

                cells.Add(new NotebookCell(true, CodeCell(lines[(i + 1)..end])));
                i = end;
            }
            else if (preamble)
            {
                if (ProjectDirective().Match(trimmed) is { Success: true } project)
                {
                    packages.Add(project.Groups["name"].Value);
                }
                else if (trimmed.StartsWith("using ", StringComparison.Ordinal) && trimmed.EndsWith(';'))
                {
                    usings.Add(trimmed);
                }
            }
            else if (trimmed.Length > 0 && !trimmed.StartsWith("//", StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"{scriptName}, line {i + 1}: code outside a '// cell: name' … '// end cell' block would be missing from the notebook: {trimmed}");
            }
        }

        if (!setupAdded)
        {
            throw new InvalidOperationException($"{scriptName} has no '// cell: name' … '// end cell' block.");
        }

        return cells;
    }

    private static string Setup(List<string> packages, List<string> usings, string version)
    {
        var sb = new StringBuilder();
        _ = sb.Append(LocalFeedHint).Append('\n').Append(LocalFeedLine).Append('\n');
        foreach (string package in packages)
        {
            _ = sb.Append($"#r \"nuget: {package}, {version}\"\n");
        }

        // A file-based app has the SDK's implicit usings; the kernel's C# scripts do not (Path, File… would not resolve).
        _ = sb.Append("\nusing System.IO;\nusing System.Net.Http;\nusing System.Threading;\nusing System.Threading.Tasks;\n");
        foreach (string u in usings)
        {
            _ = sb.Append(u).Append('\n');
        }

        _ = sb.Append("using Microsoft.DotNet.Interactive.Formatting;\n\n");
        _ = sb.Append("Formatter.Register<NpsKit.Aggregation.NpsSeries>((series, writer) => writer.Write(series.ToHtml()), \"text/html\");\n");
        _ = sb.Append("Formatter.Register<NpsKit.Aggregation.NpsCube>((cube, writer) => writer.Write(cube.ToHtml()), \"text/html\");");
        return sb.ToString();
    }

    private static string CodeCell(string[] lines)
    {
        var kept = new List<string>();
        foreach (string line in lines)
        {
            string trimmed = line.TrimStart();
            if (line.TrimEnd().EndsWith(ScriptOnly, StringComparison.Ordinal))
            {
                continue;
            }

            kept.Add(trimmed.StartsWith(NotebookPrefix, StringComparison.Ordinal)
                ? line[..(line.Length - trimmed.Length)] + trimmed[NotebookPrefix.Length..]
                : line);
        }

        return string.Join('\n', kept).Trim('\n');
    }

    private static int Find(string[] lines, int from, string end, string scriptName, string start)
    {
        for (int j = from; j < lines.Length; j++)
        {
            string trimmed = lines[j].Trim();
            if (trimmed == end)
            {
                return j;
            }

            if (trimmed == "/* md" || trimmed.StartsWith("// cell: ", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{scriptName}, line {j + 1}: '{trimmed}' inside the block opened by '{start}' at line {from}; close it with '{end}' first.");
            }
        }

        throw new InvalidOperationException($"{scriptName}: the block opened by '{start}' at line {from} is never closed with '{end}'.");
    }

    [GeneratedRegex(@"^#:project\s+(?:.*/)?(?<name>[^/]+)\.csproj$")]
    private static partial Regex ProjectDirective();
}

/// <summary>A notebook cell: code (C#) or Markdown, and its text.</summary>
internal sealed record NotebookCell(bool IsCode, string Source);
