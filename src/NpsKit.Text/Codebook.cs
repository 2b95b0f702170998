using System.Globalization;
using System.Text;
using System.Text.Json;
using NpsKit.Text.Internal;

namespace NpsKit.Text;

/// <summary>
/// A versioned set of comment themes in one language, read from and written to JSON (format <c>npskit.codebook</c>, version 1).
/// </summary>
/// <remarks>
/// <para>The JSON form:</para>
/// <code>
/// {
///   "format": "npskit.codebook", "version": 1, "name": "Customer service (English)", "language": "en",
///   "themes": [
///     { "id": "delivery", "label": "Delivery", "keywords": ["courier"], "stems": ["delivery", "shipping"], "phrases": ["never arrived"] }
///   ]
/// }
/// </code>
/// <para><c>language</c> is <c>en</c> or <c>da</c>. Theme ids are unique; every theme has at least one term; a phrase has
/// at least two words. Reading reports every problem at once, each with its JSON path. Two codebooks in different languages
/// with the same theme ids tag one set of themes (see <see cref="ThemeTagger"/>). <see cref="English"/> and
/// <see cref="Danish"/> are shipped examples.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed class Codebook
{
    /// <summary>The format name in the JSON form.</summary>
    public const string FormatName = "npskit.codebook";

    /// <summary>The version of the JSON form this library writes and reads.</summary>
    public const int CurrentVersion = 1;

    private static readonly Lazy<Codebook> EnglishExample = new(() => LoadExample("codebook.en.json"));
    private static readonly Lazy<Codebook> DanishExample = new(() => LoadExample("codebook.da.json"));

    /// <summary>Creates a codebook and validates it.</summary>
    /// <param name="name">A name for reports.</param>
    /// <param name="language">The language of the terms.</param>
    /// <param name="themes">The themes; ids unique, at least one term each.</param>
    /// <exception cref="ArgumentException">A theme is invalid; the message lists every problem.</exception>
    public Codebook(string name, CommentLanguage language, IEnumerable<CodebookTheme> themes)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(themes);
        Name = name;
        Language = language;
        Themes = [.. themes];
        var problems = new List<string>();
        Check(Themes, language, problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException($"The codebook '{name}' is invalid:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}", nameof(themes));
        }
    }

    /// <summary>Gets the codebook's name.</summary>
    public string Name { get; }

    /// <summary>Gets the language of its terms.</summary>
    public CommentLanguage Language { get; }

    /// <summary>Gets the themes, in the order given.</summary>
    public IReadOnlyList<CodebookTheme> Themes { get; }

    /// <summary>Gets the shipped English example: ten customer-experience themes (delivery, price, support, …).</summary>
    public static Codebook English => EnglishExample.Value;

    /// <summary>Gets the shipped Danish example, with the same theme ids as <see cref="English"/>.</summary>
    public static Codebook Danish => DanishExample.Value;

    /// <summary>Reads a codebook from its JSON form.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The codebook.</returns>
    /// <exception cref="FormatException">The text is not JSON, not a codebook, of a newer version, or invalid; the message lists
    /// every problem with its JSON path.</exception>
    public static Codebook FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new FormatException($"The codebook is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }

        using (doc)
        {
            var problems = new List<string>();
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"The codebook must be a JSON object with \"format\": \"{FormatName}\"; found a {root.ValueKind}.");
            }

            string? format = Str(root, "format", "$", problems);
            if (format is not null && format != FormatName)
            {
                problems.Add($"$.format is \"{format}\": expected \"{FormatName}\".");
            }

            if (!root.TryGetProperty("version", out JsonElement v) || !v.TryGetInt32(out int version))
            {
                problems.Add($"$.version is missing or not an integer: this library reads version {CurrentVersion}.");
            }
            else if (version != CurrentVersion)
            {
                problems.Add(version > CurrentVersion
                    ? $"$.version is {version}: this library reads version {CurrentVersion}; upgrade NpsKit.Text to read it."
                    : $"$.version is {version}: only version {CurrentVersion} exists.");
            }

            string name = Str(root, "name", "$", problems, required: false) ?? "codebook";
            string? lang = Str(root, "language", "$", problems);
            CommentLanguage language = CommentLanguage.English;
            if (lang is not null && !TryParseLanguage(lang, out language))
            {
                problems.Add($"$.language is \"{lang}\": use \"en\" (English) or \"da\" (Danish).");
            }

            var themes = new List<CodebookTheme>();
            if (!root.TryGetProperty("themes", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
            {
                problems.Add("$.themes is missing or not an array of themes.");
            }
            else
            {
                int i = 0;
                foreach (JsonElement t in list.EnumerateArray())
                {
                    string path = $"$.themes[{i++}]";
                    if (t.ValueKind != JsonValueKind.Object)
                    {
                        problems.Add($"{path} is a {t.ValueKind}: a theme is an object with id, label and terms.");
                        continue;
                    }

                    string? id = Str(t, "id", path, problems);
                    string label = Str(t, "label", path, problems, required: false) ?? id ?? string.Empty;
                    themes.Add(new CodebookTheme(id ?? string.Empty, label, Strs(t, "keywords", path, problems), Strs(t, "stems", path, problems), Strs(t, "phrases", path, problems)));
                }
            }

            if (problems.Count == 0)
            {
                Check(themes, language, problems);
            }

            if (problems.Count > 0)
            {
                throw new FormatException($"The codebook is invalid:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}");
            }

            return new Codebook(name, language, themes);
        }
    }

    /// <summary>Writes the codebook's JSON form (indented, UTF-8 text, invariant).</summary>
    /// <returns>The JSON text; <see cref="FromJson"/> reads it back to an equal codebook.</returns>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("format", FormatName);
            w.WriteNumber("version", CurrentVersion);
            w.WriteString("name", Name);
            w.WriteString("language", LanguageCode(Language));
            w.WriteStartArray("themes");
            foreach (CodebookTheme t in Themes)
            {
                w.WriteStartObject();
                w.WriteString("id", t.Id);
                w.WriteString("label", t.Label);
                foreach ((string key, IReadOnlyList<string> terms) in new[] { ("keywords", t.Keywords), ("stems", t.Stems), ("phrases", t.Phrases) })
                {
                    w.WriteStartArray(key);
                    foreach (string term in terms)
                    {
                        w.WriteStringValue(term);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads a codebook from a file.</summary>
    /// <param name="path">The file (UTF-8 JSON).</param>
    /// <returns>The codebook.</returns>
    /// <exception cref="FormatException">The file is not a valid codebook; the message starts with the path.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Codebook Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return FromJson(File.ReadAllText(path, Encoding.UTF8));
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>The JSON code of a language: <c>en</c> or <c>da</c>.</summary>
    /// <param name="language">The language.</param>
    /// <returns>The code.</returns>
    public static string LanguageCode(CommentLanguage language) => language == CommentLanguage.Danish ? "da" : "en";

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Codebook '{Name}' ({LanguageCode(Language)}), {Themes.Count} themes");

    private static bool TryParseLanguage(string code, out CommentLanguage language)
    {
        switch (code.ToLowerInvariant())
        {
            case "en" or "english":
                language = CommentLanguage.English;
                return true;
            case "da" or "danish" or "dansk":
                language = CommentLanguage.Danish;
                return true;
            default:
                language = CommentLanguage.English;
                return false;
        }
    }

    private static void Check(IReadOnlyList<CodebookTheme> themes, CommentLanguage language, List<string> problems)
    {
        if (!Enum.IsDefined(language))
        {
            problems.Add($"language {language} is not supported: use English or Danish.");
        }

        if (themes.Count == 0)
        {
            problems.Add("$.themes is empty: a codebook needs at least one theme.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < themes.Count; i++)
        {
            CodebookTheme t = themes[i];
            string path = $"$.themes[{i}]";
            if (string.IsNullOrWhiteSpace(t.Id) || !t.Id.All(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
            {
                problems.Add($"{path}.id \"{t.Id}\" is not an id: use letters, digits, '-' and '_'.");
            }
            else if (!ids.Add(t.Id))
            {
                problems.Add($"{path}.id \"{t.Id}\" is used by an earlier theme: ids must be unique.");
            }

            if (t.Keywords.Count + t.Stems.Count + t.Phrases.Count == 0)
            {
                problems.Add($"{path} (\"{t.Id}\") has no keywords, stems or phrases: it could never match.");
            }

            foreach ((string key, IReadOnlyList<string> terms, bool phrase) in new[] { ("keywords", t.Keywords, false), ("stems", t.Stems, false), ("phrases", t.Phrases, true) })
            {
                for (int j = 0; j < terms.Count; j++)
                {
                    int words = TextFolding.Words(terms[j] ?? string.Empty).Count;
                    if (phrase && words < 2)
                    {
                        problems.Add($"{path}.{key}[{j}] \"{terms[j]}\" has {words} word(s): a phrase has two or more; put single words in keywords or stems.");
                    }
                    else if (!phrase && words != 1)
                    {
                        problems.Add($"{path}.{key}[{j}] \"{terms[j]}\" is {words} words: {key} are single words; put word sequences in phrases.");
                    }
                }
            }
        }
    }

    private static string? Str(JsonElement e, string name, string path, List<string> problems, bool required = true)
    {
        if (!e.TryGetProperty(name, out JsonElement v))
        {
            if (required)
            {
                problems.Add($"{path}.{name} is missing.");
            }

            return null;
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{path}.{name} is a {v.ValueKind}: expected a string.");
            return null;
        }

        return v.GetString();
    }

    private static List<string> Strs(JsonElement e, string name, string path, List<string> problems)
    {
        var list = new List<string>();
        if (!e.TryGetProperty(name, out JsonElement v))
        {
            return list;
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{path}.{name} is a {v.ValueKind}: expected an array of strings.");
            return list;
        }

        int i = 0;
        foreach (JsonElement s in v.EnumerateArray())
        {
            if (s.ValueKind != JsonValueKind.String)
            {
                problems.Add($"{path}.{name}[{i}] is a {s.ValueKind}: expected a string.");
            }
            else
            {
                list.Add(s.GetString()!);
            }

            i++;
        }

        return list;
    }

    private static Codebook LoadExample(string resource)
    {
        using Stream stream = typeof(Codebook).Assembly.GetManifestResourceStream("NpsKit.Text." + resource)
            ?? throw new InvalidOperationException($"The shipped example {resource} is missing from the NpsKit.Text assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return FromJson(reader.ReadToEnd());
    }
}
