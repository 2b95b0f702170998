namespace NpsKit.Text;

/// <summary>One theme of a codebook: an id, a label and the terms that tag a comment with it.</summary>
/// <remarks>
/// <para>A comment mentions the theme when any term matches, after case and diacritics folding (see <see cref="ThemeTagger"/>):</para>
/// <list type="bullet">
/// <item><see cref="Keywords"/>: a whole word, in exactly this form ("refund" does not match "refunds").</item>
/// <item><see cref="Stems"/>: a word in any inflection: the entry and the comment's words are stemmed with the codebook
/// language's Snowball stemmer and match when the stems are equal ("deliveries" and "delivered" match "delivery").</item>
/// <item><see cref="Phrases"/>: two or more consecutive words, each compared by stem ("late deliveries" matches "late delivery").</item>
/// </list>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record CodebookTheme
{
    /// <summary>Creates a theme.</summary>
    /// <param name="id">A stable identifier (letters, digits, <c>-</c>, <c>_</c>), used to merge the same theme across codebooks of two languages.</param>
    /// <param name="label">The name shown in reports.</param>
    /// <param name="keywords">Whole words matched in exactly their form.</param>
    /// <param name="stems">Words matched in any inflection.</param>
    /// <param name="phrases">Word sequences matched word by word by stem.</param>
    public CodebookTheme(string id, string label, IReadOnlyList<string>? keywords = null, IReadOnlyList<string>? stems = null, IReadOnlyList<string>? phrases = null)
    {
        Id = id;
        Label = label;
        Keywords = keywords ?? [];
        Stems = stems ?? [];
        Phrases = phrases ?? [];
    }

    /// <summary>Gets the theme's identifier.</summary>
    public string Id { get; }

    /// <summary>Gets the label shown in reports.</summary>
    public string Label { get; }

    /// <summary>Gets the whole words matched in exactly their (folded) form.</summary>
    public IReadOnlyList<string> Keywords { get; }

    /// <summary>Gets the words matched in any inflection (by Snowball stem).</summary>
    public IReadOnlyList<string> Stems { get; }

    /// <summary>Gets the phrases: two or more words, matched consecutively, word by word by stem.</summary>
    public IReadOnlyList<string> Phrases { get; }

    /// <inheritdoc/>
    public bool Equals(CodebookTheme? other) =>
        other is not null && Id == other.Id && Label == other.Label &&
        Keywords.SequenceEqual(other.Keywords) && Stems.SequenceEqual(other.Stems) && Phrases.SequenceEqual(other.Phrases);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Label, Keywords.Count, Stems.Count, Phrases.Count);
}
